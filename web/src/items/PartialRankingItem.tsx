/**
 * A partial ranking ("your top 5 of 19"): the chosen options as an ordered list with move up,
 * move down and remove buttons, and the others below with an "add" button each (disabled once
 * the top is full). Buttons only — no dragging — so keyboard, touch and switch access work the
 * same; every change is announced and focus stays where the respondent was working.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DescribedOption } from '../lib/instrument.ts';
import { startOrder } from '../lib/start-order.ts';
import { useSurvey } from '../survey/context.ts';
import { fieldId } from '../survey/problems.ts';
import { HelpAndError, QuestionText, type ItemProps } from './ItemField.tsx';
import { answerOf, moved, OptionLabel, useKeptFocus } from './ranking-shared.tsx';

/** The ranked options in rank order (blank ones left out). */
export function partialOrder(options: readonly DescribedOption[], answers: ItemProps['answers']) {
  return options
    .filter((o) => typeof answers[answerOf(o)] === 'number')
    .sort((a, b) => (answers[answerOf(a)] as number) - (answers[answerOf(b)] as number));
}

export function PartialRankingItem({ item, answers, error, onChange, describedBy }: ItemProps) {
  const { t } = useTranslation();
  const { info } = useSurvey();
  const options = useMemo(() => item.options ?? [], [item.options]);
  // The same per-respondent start order as the full ranking: 19 areas always listed alike would
  // favour the first few.
  const shuffled = useMemo(
    () => startOrder(options, `${info.round.name}:${info.respondent.id}:${item.id}`),
    [options, info.round.name, info.respondent.id, item.id],
  );
  const max = Math.min(item.maxRanked ?? options.length, options.length);
  const chosen = partialOrder(options, answers);
  const rest = shuffled.filter((o) => !chosen.includes(o));
  const [announcement, setAnnouncement] = useState('');
  const { ref, focusLater: setFocusOn } = useKeptFocus(['up', 'down', 'remove', 'add']);

  /** Ranks 1..n for the chosen, blank for every other option. */
  const save = (next: readonly DescribedOption[]) =>
    onChange(
      Object.fromEntries(
        options.map((o) => {
          const i = next.indexOf(o);
          return [answerOf(o), i < 0 ? undefined : i + 1];
        }),
      ),
    );

  const move = (index: number, step: -1 | 1) => {
    const row = chosen[index]!;
    save(moved(chosen, index, index + step));
    setAnnouncement(
      t('partialRanking.moved', { label: row.label, place: index + step + 1, total: chosen.length }),
    );
    setFocusOn(`${row.value}:${step === -1 ? 'up' : 'down'}`);
  };
  const add = (o: DescribedOption) => {
    const next = [...chosen, o];
    save(next);
    setAnnouncement(t('partialRanking.added', { label: o.label, place: next.length, max }));
    setFocusOn(`${o.value}:remove`);
  };
  const remove = (index: number) => {
    const next = chosen.filter((_, i) => i !== index);
    const removed = chosen[index]!;
    save(next);
    setAnnouncement(t('partialRanking.removed', { label: removed.label }));
    setFocusOn(`${removed.value}:add`);
  };

  const instructionsId = `instructions-${item.id}`;
  const full = chosen.length >= max;

  return (
    <fieldset className="fieldset" aria-describedby={[describedBy, instructionsId].filter(Boolean).join(' ')}>
      <legend className="question">
        <QuestionText item={item} />
      </legend>
      <HelpAndError item={item} error={error} />
      <p className="hint" id={instructionsId}>
        {t('partialRanking.instructions', { max, count: chosen.length })}
      </p>
      <h3 className="ranking-heading" id={`chosen-${item.id}`}>
        {t('partialRanking.chosen', { count: chosen.length, max })}
      </h3>
      {chosen.length === 0 ? (
        <p className="hint">{t('partialRanking.none')}</p>
      ) : (
        <ol className="ranking-list" aria-labelledby={`chosen-${item.id}`}>
          {chosen.map((option, index) => (
            <li className="ranking-row" key={option.value}>
              <span className="rank-badge" aria-hidden="true">
                {index + 1}
              </span>
              <span className="rank-label">
                <span className="visually-hidden">
                  {t('ranking.place', { place: index + 1, total: chosen.length })}{' '}
                </span>
                <OptionLabel option={option} />
              </span>
              <span className="rank-buttons">
                <button
                  type="button"
                  className="button button-small"
                  ref={ref(`${option.value}:up`)}
                  disabled={index === 0}
                  aria-label={t('ranking.label.up', { label: option.label })}
                  onClick={() => move(index, -1)}
                >
                  <span aria-hidden="true">↑</span> {t('ranking.button.up')}
                </button>
                <button
                  type="button"
                  className="button button-small"
                  ref={ref(`${option.value}:down`)}
                  disabled={index === chosen.length - 1}
                  aria-label={t('ranking.label.down', { label: option.label })}
                  onClick={() => move(index, 1)}
                >
                  <span aria-hidden="true">↓</span> {t('ranking.button.down')}
                </button>
                <button
                  type="button"
                  className="button button-small"
                  ref={ref(`${option.value}:remove`)}
                  aria-label={t('partialRanking.removeLabel', { label: option.label })}
                  onClick={() => remove(index)}
                >
                  {t('partialRanking.remove')}
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      <h3 className="ranking-heading" id={`rest-${item.id}`}>
        {t('partialRanking.rest')}
      </h3>
      <ul className="ranking-list" aria-labelledby={`rest-${item.id}`}>
        {rest.map((option, index) => (
          <li className="ranking-row" key={option.value}>
            <span className="rank-label">
              <OptionLabel option={option} />
            </span>
            <span className="rank-buttons">
              <button
                type="button"
                className="button button-small"
                id={index === 0 ? fieldId(item.id) : undefined}
                ref={ref(`${option.value}:add`)}
                disabled={full}
                aria-label={t('partialRanking.addLabel', { label: option.label })}
                onClick={() => add(option)}
              >
                {t('partialRanking.add')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </fieldset>
  );
}
