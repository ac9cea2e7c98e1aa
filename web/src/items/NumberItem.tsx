/**
 * A number: a text field with a decimal keyboard (so "12,5" works as Danes write it), its unit
 * and range beside it. What cannot be read as a number stays in the field with an error and
 * is not saved; a number outside the range is kept locally with its error, but autosave only
 * sends what the server accepts.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId } from '../survey/problems.ts';
import { errorId, helpId, HelpAndError, QuestionText, type ItemProps } from './ItemField.tsx';

export function parseNumber(text: string): number | null | undefined {
  const trimmed = text.trim().replace(/\s/g, '');
  if (trimmed === '') return undefined;
  if (!/^-?\d+([.,]\d+)?$/.test(trimmed)) return null;
  return Number(trimmed.replace(',', '.'));
}

export function NumberItem({ item, answers, error, onChange }: ItemProps) {
  const { t, i18n } = useTranslation();
  const value = answers[item.id];
  const format = (v: unknown) =>
    typeof v === 'number'
      ? new Intl.NumberFormat(i18n.language, { useGrouping: false, maximumFractionDigits: 6 }).format(v)
      : '';
  const [text, setText] = useState(() => format(value));
  const [unreadable, setUnreadable] = useState(false);
  // Follow answers that change from elsewhere (a merge), unless the field holds unreadable text.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    if (!unreadable && parseNumber(text) !== value) setText(format(value));
  }

  const rangeId = `range-${item.id}`;
  const range =
    item.min !== undefined && item.max !== undefined
      ? t('item.numberRange', { min: item.min, max: item.max })
      : item.min !== undefined
        ? t('item.numberAtLeast', { min: item.min })
        : item.max !== undefined
          ? t('item.numberAtMost', { max: item.max })
          : '';
  const shownError = unreadable ? t('error.notNumber') : error;

  return (
    <div className="field">
      <label className="question" htmlFor={fieldId(item.id)}>
        <QuestionText item={item} />
      </label>
      <HelpAndError item={item} error={shownError} />
      <div className="number-row">
        <input
          id={fieldId(item.id)}
          className="input input-number"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={text}
          aria-invalid={shownError ? true : undefined}
          aria-describedby={
            [item.help ? helpId(item.id) : null, shownError ? errorId(item.id) : null, range ? rangeId : null]
              .filter(Boolean)
              .join(' ') || undefined
          }
          onChange={(event) => {
            const next = event.currentTarget.value;
            setText(next);
            const parsed = parseNumber(next);
            setUnreadable(parsed === null);
            if (parsed !== null) onChange({ [item.id]: parsed });
          }}
        />
        {item.unit && <span className="unit">{item.unit}</span>}
      </div>
      {range && (
        <p className="hint" id={rangeId}>
          {range}
        </p>
      )}
    </div>
  );
}
