/** One question of any item type, with its help text and error. */
import { useTranslation } from 'react-i18next';
import type { AnswerValue, Answers, DescribedItem } from '../lib/instrument.ts';
import { ChoiceItem } from './ChoiceItem.tsx';
import { NumberItem } from './NumberItem.tsx';
import { RankingItem } from './RankingItem.tsx';
import { PartialRankingItem } from './PartialRankingItem.tsx';
import { ScaleItem } from './ScaleItem.tsx';
import { TextItem } from './TextItem.tsx';

export interface ItemProps {
  readonly item: DescribedItem;
  readonly answers: Answers;
  readonly error: string | null;
  readonly onChange: (changes: Readonly<Record<string, AnswerValue | undefined>>) => void;
  /** `id`s of the help and error texts, for aria-describedby. */
  readonly describedBy: string | undefined;
}

export const helpId = (itemId: string) => `help-${itemId}`;
export const errorId = (itemId: string) => `error-${itemId}`;

export function ItemField(props: Omit<ItemProps, 'describedBy'>) {
  const { item, error } = props;
  const describedBy = [item.help ? helpId(item.id) : null, error ? errorId(item.id) : null]
    .filter(Boolean)
    .join(' ');
  const full: ItemProps = { ...props, describedBy: describedBy || undefined };
  return (
    <div className={`item item-${item.type}${error ? ' item-has-error' : ''}`} id={`item-${item.id}`}>
      {item.type === 'scale' && <ScaleItem {...full} />}
      {item.type === 'choice' && <ChoiceItem {...full} />}
      {item.type === 'ranking' && item.maxRanked === undefined && <RankingItem {...full} />}
      {item.type === 'ranking' && item.maxRanked !== undefined && <PartialRankingItem {...full} />}
      {item.type === 'number' && <NumberItem {...full} />}
      {item.type === 'text' && <TextItem {...full} />}
    </div>
  );
}

/** The question's text and, for the few that must be answered, a "required" marker. */
export function QuestionText({ item }: { item: DescribedItem }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="question-text">{item.text}</span>
      {item.required && <span className="required-marker"> {t('item.required')}</span>}
    </>
  );
}

export function HelpAndError({ item, error }: { item: DescribedItem; error: string | null }) {
  const { t } = useTranslation();
  return (
    <>
      {item.help && (
        <p className="help" id={helpId(item.id)}>
          {item.help}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId(item.id)}>
          <span className="visually-hidden">{t('error.prefix')} </span>
          {error}
        </p>
      )}
    </>
  );
}
