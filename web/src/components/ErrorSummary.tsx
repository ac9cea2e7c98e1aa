/**
 * After a failed submit: every problem at the top of the page, each a link to its question
 * (on its own section page, with focus on the field). Focus moves here when it appears.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AnswerProblem } from '../lib/instrument.ts';
import { sectionPath, useSurvey } from '../survey/context.ts';
import { fieldId, problemMessage, problemsByItem } from '../survey/problems.ts';

export function ErrorSummary({ problems, attempt }: { problems: readonly AnswerProblem[]; attempt: number }) {
  const { t } = useTranslation();
  const { instrument, base } = useSurvey();
  const ref = useRef<HTMLDivElement>(null);
  const byItem = [...problemsByItem(problems, instrument.itemOfAnswer)];

  useEffect(() => {
    ref.current?.focus();
  }, [attempt]);

  return (
    <div className="error-summary" ref={ref} tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('errors.title', { count: byItem.length })}</h2>
      <ul>
        {byItem.map(([itemId, problem]) => {
          const item = instrument.itemById.get(itemId)!;
          const section = instrument.sectionOfItem.get(itemId)!;
          return (
            <li key={itemId}>
              <Link to={`${sectionPath(base, section.id)}#${fieldId(itemId)}`}>
                <span className="error-question">{item.text}</span> {problemMessage(t, problem, item)}
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
