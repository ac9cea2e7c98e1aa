/** Free text: a textarea (or a one-line field), with the length limit shown and enforced. */
import { useTranslation } from 'react-i18next';
import { fieldId } from '../survey/problems.ts';
import { HelpAndError, QuestionText, type ItemProps } from './ItemField.tsx';

export function TextItem({ item, answers, error, onChange, describedBy }: ItemProps) {
  const { t } = useTranslation();
  const value = typeof answers[item.id] === 'string' ? (answers[item.id] as string) : '';
  const max = item.maxLength ?? 2000;
  const countId = `count-${item.id}`;
  const common = {
    id: fieldId(item.id),
    className: 'input',
    value,
    maxLength: max,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': [describedBy, countId].filter(Boolean).join(' '),
    onChange: (event: { currentTarget: { value: string } }) => {
      const next = event.currentTarget.value;
      onChange({ [item.id]: next.trim() === '' ? undefined : next });
    },
  };
  return (
    <div className="field">
      <label className="question" htmlFor={fieldId(item.id)}>
        <QuestionText item={item} />
      </label>
      <HelpAndError item={item} error={error} />
      {item.multiline === false ? <input type="text" {...common} /> : <textarea rows={4} {...common} />}
      <p className="hint" id={countId}>
        {t('item.characters', { count: value.length, max })}
      </p>
    </div>
  );
}
