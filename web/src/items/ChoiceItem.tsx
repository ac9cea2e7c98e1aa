/** A choice: radio buttons (one answer) or checkboxes (several), in a fieldset. */
import { useTranslation } from 'react-i18next';
import { fieldId } from '../survey/problems.ts';
import { HelpAndError, QuestionText, type ItemProps } from './ItemField.tsx';

export function ChoiceItem({ item, answers, error, onChange, describedBy }: ItemProps) {
  const { t } = useTranslation();
  const value = answers[item.id];
  const options = item.options ?? [];
  const chosen = new Set(Array.isArray(value) ? value : typeof value === 'string' ? [value] : []);

  const toggle = (option: string, on: boolean) => {
    // Kept in the instrument's order; no options left = no answer.
    const next = options.map((o) => o.value).filter((v) => (v === option ? on : chosen.has(v)));
    onChange({ [item.id]: next.length > 0 ? next : undefined });
  };

  return (
    <fieldset className="fieldset" aria-describedby={describedBy}>
      <legend className="question">
        <QuestionText item={item} />
      </legend>
      <HelpAndError item={item} error={error} />
      <div className="options">
        {options.map((option, index) => (
          <label className="option" key={option.value}>
            <input
              type={item.multiple ? 'checkbox' : 'radio'}
              name={item.id}
              id={index === 0 ? fieldId(item.id) : undefined}
              value={option.value}
              checked={chosen.has(option.value)}
              onChange={(event) =>
                item.multiple
                  ? toggle(option.value, event.currentTarget.checked)
                  : onChange({ [item.id]: option.value })
              }
            />
            <span className="option-text">{option.label}</span>
          </label>
        ))}
      </div>
      {!item.multiple && value !== undefined && !item.required && (
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
