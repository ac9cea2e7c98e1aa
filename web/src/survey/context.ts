/** What every survey page reads: the invitation, the instrument, the answers and their sync. */
import { createContext, useContext } from 'react';
import type { Lang, SurveyInfo } from '../lib/api.ts';
import type { DraftSync, SyncSnapshot } from '../lib/draft-sync.ts';
import type { AnswerProblem, Answers, SurveyInstrument } from '../lib/instrument.ts';

export interface SubmitOutcome {
  kind: 'submitted' | 'invalid' | 'offline' | 'closed';
}

export interface SurveyContextValue {
  readonly token: string;
  /** `/s/<token>`: the base of every survey path. */
  readonly base: string;
  readonly info: SurveyInfo;
  readonly instrument: SurveyInstrument;
  readonly lang: Lang;
  readonly sync: DraftSync;
  readonly snapshot: SyncSnapshot;
  readonly answers: Answers;
  /** Problems of the last submit attempt (client or server), until the next attempt. */
  readonly problems: readonly AnswerProblem[] | null;
  readonly submission: SurveyInfo['submission'];
  setAnswers(changes: Readonly<Record<string, Answers[string] | undefined>>): void;
  submit(): Promise<SubmitOutcome>;
}

export const SurveyContext = createContext<SurveyContextValue | null>(null);

export function useSurvey(): SurveyContextValue {
  const value = useContext(SurveyContext);
  if (!value) throw new Error('useSurvey outside a survey');
  return value;
}

export const sectionPath = (base: string, sectionId: string) =>
  `${base}/section/${encodeURIComponent(sectionId)}`;
