/**
 * "Gemmer… / Gemt / Offline": the autosave state in a polite live region, plus a notice when
 * answers saved on another device or tab were merged into this page.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSurvey } from '../survey/context.ts';

export function SaveStatus() {
  const { t } = useTranslation();
  const { snapshot } = useSurvey();
  const { state, revision, mergedFromElsewhere } = snapshot;
  const [mergeSeen, setMergeSeen] = useState(mergedFromElsewhere);
  const showMerge = mergedFromElsewhere > mergeSeen;

  // The merge notice stays until the respondent has seen it for a while.
  useEffect(() => {
    if (!showMerge) return;
    const timer = setTimeout(() => setMergeSeen(mergedFromElsewhere), 15_000);
    return () => clearTimeout(timer);
  }, [showMerge, mergedFromElsewhere]);

  const text =
    state === 'saved'
      ? revision > 0
        ? t('save.saved')
        : t('save.auto')
      : state === 'pending' || state === 'saving'
        ? t('save.saving')
        : state === 'offline'
          ? t('save.offline')
          : state === 'retrying'
            ? t('save.retrying')
            : t('save.closed');
  const problem = state === 'offline' || state === 'retrying' || state === 'closed';

  return (
    <div className="status-bar">
      <div className="container status-row">
        <p role="status" className={`save-status save-${state}`} data-save-state={state}>
          <span
            className={
              problem
                ? 'badge badge-warning'
                : revision > 0 || state !== 'saved'
                  ? 'badge'
                  : 'badge badge-quiet'
            }
          >
            {text}
          </span>
        </p>
        <p role="status" className="merge-notice">
          {showMerge && (
            <>
              {t('save.mergedElsewhere')}{' '}
              <button type="button" className="link-button" onClick={() => setMergeSeen(mergedFromElsewhere)}>
                {t('save.dismiss')}
              </button>
            </>
          )}
        </p>
      </div>
    </div>
  );
}
