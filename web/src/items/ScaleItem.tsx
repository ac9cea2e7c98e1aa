/**
 * A scale: native radio buttons in a fieldset, every point with its number and label, "don't
 * know" / "not relevant" as extra options only where the item allows them, and the level
 * descriptions of the levels folded below (opened on demand, the chosen one marked).
 */
import { useTranslation } from 'react-i18next';
import type { DescribedItem, DescribedPoint } from '../lib/instrument.ts';
import { fieldId } from '../survey/problems.ts';
import { HelpAndError, QuestionText, type ItemProps } from './ItemField.tsx';

export function ScaleItem({ item, answers, error, onChange, describedBy }: ItemProps) {
  const { t } = useTranslation();
  const value = answers[item.id];
  const points = item.points ?? [];
  const firstId = (index: number) => (index === 0 ? fieldId(item.id) : undefined);

  return (
    <fieldset className="fieldset" aria-describedby={describedBy}>
      <legend className="question">
        <QuestionText item={item} />
      </legend>
      <HelpAndError item={item} error={error} />
      {/* The points in one row (a phone shows their words only at the ends: every point's
          words stay in its accessible name); "don't know" and the level texts below it. */}
      <div className="scale-points" style={{ ['--points' as string]: points.length }}>
        {points.map((point, index) => (
          <label className="scale-point" key={point.value}>
            <input
              type="radio"
              name={item.id}
              id={firstId(index)}
              value={point.value}
              checked={value === point.value}
              onChange={() => onChange({ [item.id]: point.value })}
            />
            <span className="point-value">{point.value}</span>
            <span className="point-label">{point.label}</span>
          </label>
        ))}
      </div>
      {points.length > 1 && (
        <p className="scale-anchors" aria-hidden="true">
          <span>
            {points[0]!.value} {points[0]!.label}
          </span>
          <span>
            {points[points.length - 1]!.value} {points[points.length - 1]!.label}
          </span>
        </p>
      )}
      <div className="scale-extras">
        {(item.missing ?? []).map((token) => (
          <label className="option option-missing" key={token}>
            <input
              type="radio"
              name={item.id}
              value={token}
              checked={value === token}
              onChange={() => onChange({ [item.id]: token })}
            />
            <span className="option-text">{t(`answer.${token}`)}</span>
          </label>
        ))}
        <LevelTexts item={item} value={typeof value === 'number' ? value : undefined} />
        {value !== undefined && !item.required && (
          <button
            type="button"
            className="link-button clear-answer"
            onClick={() => onChange({ [item.id]: undefined })}
          >
            {t('item.clear')}
          </button>
        )}
      </div>
    </fieldset>
  );
}

/**
 * What the described points mean, folded until asked for: shown open under every question they
 * made a part many phone screens tall. The chosen point (or the two it lies between) is marked.
 */
function LevelTexts({ item, value }: { item: DescribedItem; value: number | undefined }) {
  const { t } = useTranslation();
  const described = (item.points ?? []).filter((p): p is DescribedPoint & { level: string } => !!p.level);
  if (described.length === 0) return null;
  const exact = described.some((p) => p.value === value);
  const below =
    value === undefined || exact ? undefined : [...described].reverse().find((p) => p.value < value);
  const above = value === undefined || exact ? undefined : described.find((p) => p.value > value);
  const marked = (p: DescribedPoint) => p.value === value || p === below || p === above;
  return (
    <details className="level" id={`level-${item.id}`}>
      <summary>{t('item.levelsShow')}</summary>
      <dl className="level-list">
        {described.map((p) => (
          <div key={p.value} className={marked(p) ? 'level-marked' : undefined}>
            <dt className="level-label">
              {t('item.levelPoint', { value: p.value, label: p.label })}
              {p.value === value && <span> {t('item.levelYours')}</span>}
              {(p === below || p === above) && <span> {t('item.levelNear', { value })}</span>}
            </dt>
            <dd>{p.level}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
