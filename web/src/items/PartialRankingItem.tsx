/**
 * A partial ranking ("your top 5 of 19"): the chosen options as an ordered list with move up,
 * move down and remove buttons, and the others below with an "add" button each (disabled once
 * the top is full). Buttons only — no dragging — so keyboard, touch and switch access work the
 * same; every change is announced and focus stays where the respondent was working.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DescribedOption } from '../lib/instrument.ts';
import { fieldId } from '../survey/problems.ts';
import { HelpAndError, QuestionText, type ItemProps } from './ItemField.tsx';

const answerOf = (o: DescribedOption) => o.answer ?? o.value;

/** The ranked options in rank order (blank ones left out). */
export function partialOrder(options: readonly DescribedOption[], answers: ItemProps['answers']) {
  return options
    .filter((o) => typeof answers[answerOf(o)] === 'number')
    .sort((a, b) => (answers[answerOf(a)] as number) - (answers[answerOf(b)] as number));
}

export function PartialRankingItem({ item, answers, error, onChange, describedBy }: ItemProps) {
  const { t } = useTranslation();
  const options = item.options ?? [];
  const max = Math.min(item.maxRanked ?? options.length, options.length);
  const chosen = partialOrder(options, answers);
  const rest = options.filter((o) => !chosen.includes(o));
  const [announcement, setAnnouncement] = useState('');
  const buttons = useRef(new Map<string, HTMLButtonElement | null>());
  const [focusOn, setFocusOn] = useState<string | null>(null);

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
    const next = [...chosen];
    const [moved] = next.splice(index, 1);
    next.splice(index + step, 0, moved!);
    save(next);
    setAnnouncement(
      t('partialRanking.moved', { label: moved!.label, place: index + step + 1, total: next.length }),
    );
    setFocusOn(`${moved!.value}:${step === -1 ? 'up' : 'down'}`);
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

  // The row moved to another place or list: keep focus on its button there (or a neighbour).
  useLayoutEffect(() => {
    if (!focusOn) return;
    const el = buttons.current.get(focusOn);
    const [value] = focusOn.split(':');
    const fallback = ['up', 'down', 'remove', 'add'].map((k) => buttons.current.get(`${value}:${k}`));
    (el && !el.disabled ? el : fallback.find((b) => b && !b.disabled))?.focus();
    setFocusOn(null);
  }, [focusOn]);

  const ref = (key: string) => (el: HTMLButtonElement | null) => {
    buttons.current.set(key, el);
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
                {option.label}
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
            <span className="rank-label">{option.label}</span>
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
