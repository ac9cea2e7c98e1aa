/**
 * A ranking as an ordered list with "move up" / "move down" buttons on every row: works the
 * same with keyboard, touch, mouse and switch access (no dragging needed). Each move is
 * announced ("Digital leadership moved to place 3 of 7") and focus stays on the moved row.
 * Until the respondent moves something or keeps the order as shown, nothing is ranked (a
 * ranking is all or nothing).
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DescribedOption } from '../lib/instrument.ts';
import { fieldId } from '../survey/problems.ts';
import { HelpAndError, QuestionText, type ItemProps } from './ItemField.tsx';

type Direction = 'up' | 'down';

const answerOf = (o: DescribedOption) => o.answer ?? o.value;

/** The options in rank order, or null when they are not (completely) ranked. */
export function rankedOrder(options: readonly DescribedOption[], answers: ItemProps['answers']) {
  const ranks = options.map((o) => answers[answerOf(o)]);
  const complete = ranks.every((r) => typeof r === 'number') && new Set(ranks).size === options.length;
  if (!complete) return null;
  return [...options].sort((a, b) => (answers[answerOf(a)] as number) - (answers[answerOf(b)] as number));
}

export function RankingItem({ item, answers, error, onChange, describedBy }: ItemProps) {
  const { t } = useTranslation();
  const options = item.options ?? [];
  const ranked = rankedOrder(options, answers);
  const order = ranked ?? options;
  const [announcement, setAnnouncement] = useState('');
  const buttons = useRef(new Map<string, HTMLButtonElement | null>());
  const [focusAfter, setFocusAfter] = useState<{ value: string; direction: Direction } | null>(null);

  const save = (next: readonly DescribedOption[]) =>
    onChange(Object.fromEntries(next.map((o, index) => [answerOf(o), index + 1])));

  const move = (index: number, direction: Direction) => {
    const target = direction === 'up' ? index - 1 : index + 1;
    if (target < 0 || target >= order.length) return;
    const next = [...order];
    const [moved] = next.splice(index, 1);
    next.splice(target, 0, moved!);
    save(next);
    setAnnouncement(t('ranking.moved', { label: moved!.label, place: target + 1, total: order.length }));
    setFocusAfter({ value: moved!.value, direction });
  };

  // The moved row was re-rendered elsewhere: keep focus on its button (or its other button at an end).
  useLayoutEffect(() => {
    if (!focusAfter) return;
    const { value, direction } = focusAfter;
    const same = buttons.current.get(`${value}:${direction}`);
    const other = buttons.current.get(`${value}:${direction === 'up' ? 'down' : 'up'}`);
    (same && !same.disabled ? same : other)?.focus();
    setFocusAfter(null);
  }, [focusAfter]);

  const instructionsId = `instructions-${item.id}`;

  return (
    <fieldset className="fieldset" aria-describedby={[describedBy, instructionsId].filter(Boolean).join(' ')}>
      <legend className="question">
        <QuestionText item={item} />
      </legend>
      <HelpAndError item={item} error={error} />
      <p className="hint" id={instructionsId}>
        {ranked ? t('ranking.instructions', { total: order.length }) : t('ranking.notRanked')}
      </p>
      <ol className="ranking-list" role="list">
        {order.map((option, index) => (
          <li className="ranking-row" key={option.value}>
            <span className="rank-badge" aria-hidden="true">
              {ranked ? index + 1 : '–'}
            </span>
            <span className="rank-label">
              {ranked && (
                <span className="visually-hidden">
                  {t('ranking.place', { place: index + 1, total: order.length })}{' '}
                </span>
              )}
              {option.label}
            </span>
            <span className="rank-buttons">
              {(['up', 'down'] as const).map((direction) => (
                <button
                  key={direction}
                  type="button"
                  className="button button-small"
                  id={ranked && index === 0 && direction === 'down' ? fieldId(item.id) : undefined}
                  ref={(el) => {
                    buttons.current.set(`${option.value}:${direction}`, el);
                  }}
                  disabled={direction === 'up' ? index === 0 : index === order.length - 1}
                  aria-label={t(direction === 'up' ? 'ranking.moveUp' : 'ranking.moveDown', {
                    label: option.label,
                  })}
                  onClick={() => move(index, direction)}
                >
                  <span aria-hidden="true">{direction === 'up' ? '↑' : '↓'}</span>{' '}
                  {t(direction === 'up' ? 'ranking.up' : 'ranking.down')}
                </button>
              ))}
            </span>
          </li>
        ))}
      </ol>
      <div className="ranking-actions">
        {ranked ? (
          !item.required && (
            <button
              type="button"
              className="link-button"
              onClick={() => {
                onChange(Object.fromEntries(options.map((o) => [answerOf(o), undefined])));
                setAnnouncement(t('ranking.cleared'));
              }}
            >
              {t('ranking.clear')}
            </button>
          )
        ) : (
          <button
            type="button"
            className="button button-secondary"
            id={fieldId(item.id)}
            onClick={() => {
              save(order);
              setAnnouncement(t('ranking.kept', { total: order.length }));
              // This button goes away; carry on from the first row.
              if (order[0]) setFocusAfter({ value: order[0].value, direction: 'down' });
            }}
          >
            {t('ranking.keepOrder')}
          </button>
        )}
      </div>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </fieldset>
  );
}
