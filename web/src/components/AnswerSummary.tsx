/** The respondent's answers, section by section, as a description list. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { itemVisible, visibleSections, type Answers } from '../lib/instrument.ts';
import { sectionPath, useSurvey } from '../survey/context.ts';
import { answerText } from '../survey/format.ts';

export function AnswerSummary({ answers, editLinks }: { answers: Answers; editLinks: boolean }) {
  const { t } = useTranslation();
  const { instrument, base, lang } = useSurvey();
  return (
    <div className="summary">
      {visibleSections(instrument, answers).map((section) => (
        <section key={section.id} className="summary-section" aria-labelledby={`summary-${section.id}`}>
          <div className="summary-heading">
            <h3 id={`summary-${section.id}`}>{section.title}</h3>
            {editLinks && (
              <Link to={sectionPath(base, section.id)}>
                {t('review.edit')}
                <span className="visually-hidden">: {section.title}</span>
              </Link>
            )}
          </div>
          <dl className="answers">
            {section.items
              .filter((item) => itemVisible(instrument, item.id, answers))
              .map((item) => {
                const text = answerText(t, item, answers, lang);
                return (
                  <div key={item.id} className="answer-row">
                    <dt>{item.text}</dt>
                    <dd>
                      {text === null ? (
                        <span className="unanswered">{t('review.unanswered')}</span>
                      ) : Array.isArray(text) ? (
                        item.type === 'ranking' ? (
                          <ol>
                            {text.map((s) => (
                              <li key={s}>{s}</li>
                            ))}
                          </ol>
                        ) : (
                          <ul>
                            {text.map((s) => (
                              <li key={s}>{s}</li>
                            ))}
                          </ul>
                        )
                      ) : (
                        text
                      )}
                    </dd>
                  </div>
                );
              })}
          </dl>
        </section>
      ))}
    </div>
  );
}
