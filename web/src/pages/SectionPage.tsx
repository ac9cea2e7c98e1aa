/**
 * One section of the instrument: its visible questions (conditional ones appear and disappear
 * as answers change, announced politely), and links to the previous and next part.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { PageHeading } from '../components/PageHeading.tsx';
import { Steps } from '../components/Steps.tsx';
import { ItemField } from '../items/ItemField.tsx';
import { checkAnswers, itemVisible, visibleSections, type DescribedSection } from '../lib/instrument.ts';
import { sectionPath, useSurvey } from '../survey/context.ts';
import { problemMessage, problemsByItem } from '../survey/problems.ts';

export function SectionPage() {
  const { sectionId = '' } = useParams();
  const { instrument, answers, base } = useSurvey();
  const section = instrument.described.sections.find((s) => s.id === sectionId);
  if (!section || !visibleSections(instrument, answers).some((s) => s.id === sectionId)) {
    return <Navigate to={base} replace />;
  }
  return <SectionView key={section.id} section={section} />;
}

function SectionView({ section }: { section: DescribedSection }) {
  const { t } = useTranslation();
  const { instrument, answers, base, problems, setAnswers } = useSurvey();
  const sections = visibleSections(instrument, answers);
  const index = sections.findIndex((s) => s.id === section.id);
  const previous = sections[index - 1];
  const next = sections[index + 1];
  const items = section.items.filter((item) => itemVisible(instrument, item.id, answers));

  // Errors: values the server would refuse right now (a number out of range) as soon as they
  // are typed, and those of the last submit attempt for as long as they still apply.
  const submitted = problemsByItem(problems, instrument.itemOfAnswer);
  const live = problemsByItem(checkAnswers(instrument, answers, false), instrument.itemOfAnswer);
  const stillFailing = problemsByItem(checkAnswers(instrument, answers, true), instrument.itemOfAnswer);

  const announcement = useVisibilityAnnouncement(items.map((i) => i.id));

  return (
    <>
      <Steps current={section.id} />
      <PageHeading title={section.title}>{section.title}</PageHeading>
      {section.intro && <p className="lead">{section.intro}</p>}
      <div className="items">
        {items.map((item) => {
          const problem =
            live.get(item.id) ?? (submitted.has(item.id) ? stillFailing.get(item.id) : undefined);
          return (
            <ItemField
              key={item.id}
              item={item}
              answers={answers}
              error={problem ? problemMessage(t, problem, item) : null}
              onChange={setAnswers}
            />
          );
        })}
      </div>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      <nav className="page-nav" aria-label={t('nav.label')}>
        {previous ? (
          <Link className="button button-secondary" to={sectionPath(base, previous.id)}>
            <span aria-hidden="true">← </span>
            {t('nav.previous')}
          </Link>
        ) : (
          <Link className="button button-secondary" to={base}>
            <span aria-hidden="true">← </span>
            {t('nav.toIntro')}
          </Link>
        )}
        <Link className="button button-primary" to={next ? sectionPath(base, next.id) : `${base}/review`}>
          {next ? t('nav.next') : t('nav.toReview')}
          <span aria-hidden="true"> →</span>
        </Link>
      </nav>
    </>
  );
}

/** "1 new question shown" / "1 question hidden" when conditions change what the page shows. */
function useVisibilityAnnouncement(visibleIds: readonly string[]): string {
  const { t } = useTranslation();
  const previous = useRef(visibleIds);
  const [message, setMessage] = useState('');
  const key = visibleIds.join('|');
  useEffect(() => {
    const before = new Set(previous.current);
    const now = new Set(visibleIds);
    const shown = visibleIds.filter((id) => !before.has(id)).length;
    const hidden = previous.current.filter((id) => !now.has(id)).length;
    previous.current = visibleIds;
    if (shown > 0) setMessage(t('section.questionsShown', { count: shown }));
    else if (hidden > 0) setMessage(t('section.questionsHidden', { count: hidden }));
    // Only when the set of visible questions changes (`key`), not on every render.
  }, [key, t]);
  return message;
}
