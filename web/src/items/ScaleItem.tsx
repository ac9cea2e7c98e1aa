/**
 * A scale: native radio buttons in a fieldset, every point with its number and label, "don't
 * know" / "not relevant" as extra options only where the item allows them, and the level
 * description of the chosen point in a polite live region (read out after each choice).
 */
import { useTranslation } from 'react-i18next';
import type { DescribedItem, DescribedPoint } from '../lib/instrument.ts';
import { fieldId } from '../survey/problems.ts';
import { HelpAndError, QuestionText, type ItemProps } from './ItemField.tsx';

export function ScaleItem({ item, answers, error, onChange, describedBy }: ItemProps) {
  const { t } = useTranslation();
  const value = answers[item.id];
  const points = item.points ?? [];
  const levelId = `level-${item.id}`;
  const firstId = (index: number) => (index === 0 ? fieldId(item.id) : undefined);

  return (
    <fieldset className="fieldset" aria-describedby={describedBy}>
      <legend className="question">
        <QuestionText item={item} />
      </legend>
      <HelpAndError item={item} error={error} />
      <div className="options scale-points">
        {points.map((point, index) => (
          <label className="option" key={point.value}>
            <input
              type="radio"
              name={item.id}
              id={firstId(index)}
              value={point.value}
              checked={value === point.value}
              onChange={() => onChange({ [item.id]: point.value })}
            />
            <span className="option-text">
              <span className="point-value">{point.value}</span> {point.label}
            </span>
          </label>
        ))}
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
      </div>
      <div className="level" id={levelId} aria-live="polite">
        {typeof value === 'number' && <LevelText item={item} value={value} />}
      </div>
      {value !== undefined && !item.required && (
        <button
          type="button"
          className="link-button clear-answer"
          onClick={() => onChange({ [item.id]: undefined })}
        >
          {t('item.clear')}
        </button>
      )}
    </fieldset>
  );
}

/** What the chosen point means; between two described levels, both of them. */
function LevelText({ item, value }: { item: DescribedItem; value: number }) {
  const { t } = useTranslation();
  const points = item.points ?? [];
  const chosen = points.find((p) => p.value === value);
  if (!chosen) return null;
  if (chosen.level) {
    return (
      <p>
        <span className="level-label">
          {t('item.levelChosen', { value: chosen.value, label: chosen.label })}
        </span>{' '}
        {chosen.level}
      </p>
    );
  }
  const below = [...points].reverse().find((p) => p.value < value && p.level);
  const above = points.find((p) => p.value > value && p.level);
  if (!below && !above) return null;
  const describe = (p: DescribedPoint) => (
    <li key={p.value}>
      <span className="level-label">{t('item.levelPoint', { value: p.value, label: p.label })}</span>{' '}
      {p.level}
    </li>
  );
  return (
    <>
      <p className="level-label">{t('item.levelBetween', { value: chosen.value, label: chosen.label })}</p>
      <ul className="level-between">
        {below && describe(below)}
        {above && describe(above)}
      </ul>
    </>
  );
}
