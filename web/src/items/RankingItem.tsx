/**
 * A ranking the respondent builds: the options start unplaced, in an order drawn for this
 * respondent (a fixed start order biases answers towards it), each with its short definition.
 * "Put X in place n" places them one by one, most important first; the last one left takes the
 * last place. Placed rows then move with "up" / "down" or go back with "remove". Everything is a
 * button: the same by keyboard, touch, mouse and switch access, with every change announced and
 * focus kept where the respondent is working. A ranking is saved only when complete (all or
 * nothing); until then the placed rows live on this page.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DescribedOption } from '../lib/instrument.ts';
import { startOrder } from '../lib/start-order.ts';
import { useSurvey } from '../survey/context.ts';
import { fieldId } from '../survey/problems.ts';
import { HelpAndError, QuestionText, type ItemProps } from './ItemField.tsx';
import { answerOf, moved, OptionLabel, useKeptFocus } from './ranking-shared.tsx';

type Action = 'up' | 'down' | 'remove' | 'place';

/** The options in rank order, or null when they are not (completely) ranked. */
export function rankedOrder(options: readonly DescribedOption[], answers: ItemProps['answers']) {
  const ranks = options.map((o) => answers[answerOf(o)]);
  const complete = ranks.every((r) => typeof r === 'number') && new Set(ranks).size === options.length;
  if (!complete) return null;
  return [...options].sort((a, b) => (answers[answerOf(a)] as number) - (answers[answerOf(b)] as number));
}

export function RankingItem({ item, answers, error, onChange, describedBy }: ItemProps) {
  const { t } = useTranslation();
  const { info } = useSurvey();
  const options = useMemo(() => item.options ?? [], [item.options]);
  const shuffled = useMemo(
    () => startOrder(options, `${info.round.name}:${info.respondent.id}:${item.id}`),
    [options, info.round.name, info.respondent.id, item.id],
  );
  const saved = rankedOrder(options, answers);
  // Rows placed so far while the ranking is incomplete (a saved ranking is the source of truth).
  const [pending, setPending] = useState<readonly string[]>([]);
  const placed: readonly DescribedOption[] =
    saved ?? pending.map((v) => options.find((o) => o.value === v)).filter((o) => o !== undefined);
  const unplaced = shuffled.filter((o) => !placed.some((p) => p.value === o.value));
  const total = options.length;
  const [announcement, setAnnouncement] = useState('');
  const { ref, focusLater: setFocusNext } = useKeptFocus(['up', 'down', 'remove', 'place']);

  /** A complete order is saved; an incomplete one clears any saved ranking and waits here. */
  const commit = (next: readonly DescribedOption[]) => {
    if (next.length === total) {
      setPending([]);
      onChange(Object.fromEntries(next.map((o, index) => [answerOf(o), index + 1])));
    } else {
      setPending(next.map((o) => o.value));
      if (saved) onChange(Object.fromEntries(options.map((o) => [answerOf(o), undefined])));
    }
  };

  const place = (option: DescribedOption) => {
    let next = [...placed, option];
    const rest = unplaced.filter((o) => o.value !== option.value);
    // The one left has only one place to go.
    if (rest.length === 1) next = [...next, rest[0]!];
    commit(next);
    setAnnouncement(
      rest.length === 1
        ? t('ranking.placedLast', {
            label: option.label,
            place: next.length - 1,
            last: rest[0]!.label,
            total,
          })
        : t('ranking.placed', { label: option.label, place: next.length, total }),
    );
    const following = rest.length > 1 ? rest.find((o) => o.value !== option.value) : undefined;
    setFocusNext(following ? `${following.value}:place` : `${option.value}:up`);
  };

  const move = (index: number, action: 'up' | 'down') => {
    const target = action === 'up' ? index - 1 : index + 1;
    if (target < 0 || target >= placed.length) return;
    const row = placed[index]!;
    commit(moved(placed, index, target));
    setAnnouncement(t('ranking.moved', { label: row.label, place: target + 1, total }));
    setFocusNext(`${row.value}:${action}`);
  };

  const remove = (index: number) => {
    const next = [...placed];
    const [removed] = next.splice(index, 1);
    commit(next);
    setAnnouncement(t('ranking.removed', { label: removed!.label }));
    setFocusNext(`${removed!.value}:place`);
  };

  // The control an error link focuses: the first place button, or the first placed row's.
  const firstControl = unplaced[0]
    ? `${unplaced[0].value}:place`
    : placed[0]
      ? `${placed[0].value}:down`
      : '';

  const button = (option: DescribedOption, action: Action, onClick: () => void, disabled = false) => (
    <button
      key={action}
      type="button"
      id={`${option.value}:${action}` === firstControl ? fieldId(item.id) : undefined}
      className={`button button-small${action === 'place' ? ' button-secondary' : ''}`}
      ref={ref(`${option.value}:${action}`)}
      disabled={disabled}
      aria-label={t(`ranking.label.${action}`, { label: option.label, place: placed.length + 1 })}
      onClick={onClick}
    >
      {action === 'up' && <span aria-hidden="true">↑ </span>}
      {action === 'down' && <span aria-hidden="true">↓ </span>}
      {t(`ranking.button.${action}`, { place: placed.length + 1 })}
    </button>
  );

  const label = (option: DescribedOption) => (
    <span className="rank-label">
      <OptionLabel option={option} />
    </span>
  );

  const instructionsId = `instructions-${item.id}`;

  return (
    <fieldset className="fieldset" aria-describedby={[describedBy, instructionsId].filter(Boolean).join(' ')}>
      <legend className="question">
        <QuestionText item={item} />
      </legend>
      <HelpAndError item={item} error={error} />
      <p className="hint" id={instructionsId}>
        {saved
          ? t('ranking.instructions', { total })
          : t('ranking.progress', { count: placed.length, total })}
      </p>
      {placed.length > 0 && (
        <ol className="ranking-list" aria-label={t('ranking.placedList')}>
          {placed.map((option, index) => (
            <li className="ranking-row" key={option.value}>
              <span className="rank-badge" aria-hidden="true">
                {index + 1}
              </span>
              <span className="visually-hidden">{t('ranking.place', { place: index + 1, total })} </span>
              {label(option)}
              <span className="rank-buttons">
                {button(option, 'up', () => move(index, 'up'), index === 0)}
                {button(option, 'down', () => move(index, 'down'), index === placed.length - 1)}
                {!saved && button(option, 'remove', () => remove(index))}
              </span>
            </li>
          ))}
        </ol>
      )}
      {unplaced.length > 0 && (
        <ul className="ranking-list ranking-unplaced" aria-label={t('ranking.unplacedList')}>
          {unplaced.map((option) => (
            <li className="ranking-row" key={option.value}>
              <span className="rank-badge rank-badge-empty" aria-hidden="true">
                –
              </span>
              {label(option)}
              <span className="rank-buttons">{button(option, 'place', () => place(option))}</span>
            </li>
          ))}
        </ul>
      )}
      {(saved ? !item.required : placed.length > 0) && (
        <div className="ranking-actions">
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setPending([]);
              onChange(Object.fromEntries(options.map((o) => [answerOf(o), undefined])));
              setAnnouncement(t('ranking.cleared'));
            }}
          >
            {t('ranking.clear')}
          </button>
        </div>
      )}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </fieldset>
  );
}
