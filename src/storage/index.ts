/** The data layer's public API. See docs/storage.md. */
export {
  loadStorageConfig,
  redactUrl,
  type StorageConfig,
  type SqliteConfig,
  type PostgresConfig,
} from './config.ts';
export {
  openDatabase,
  type Database,
  type Db,
  type DialectName,
  type OpenOptions,
  type TransactionOptions,
} from './database.ts';
export * from './errors.ts';
export type * from './types.ts';
export { newToken, hashToken } from './tokens.ts';

export { storeInstrumentVersion, type InstrumentVersionInput } from './instruments/store-instrument.ts';
export { getInstrumentVersion, getInstrumentSha } from './instruments/get-instrument.ts';

export { createRound, type CreateRoundInput } from './rounds/create-round.ts';
export { getRoundByName, getRoundById, requireRoundByName, listRounds } from './rounds/get-round.ts';
export { setRoundStatus } from './rounds/set-round-status.ts';

export {
  createOrganisation,
  ensureOrganisation,
  type OrganisationInput,
} from './organisations/create-organisation.ts';
export { getOrganisationByName, getOrganisationById } from './organisations/get-organisation.ts';
export { listOrganisationChoices, type OrganisationChoice } from './organisations/organisation-choices.ts';

export {
  createRespondent,
  inviteRespondent,
  issueInvitationToken,
  type RespondentInput,
} from './respondents/create-respondent.ts';
export { findRespondentByToken, type RespondentContext } from './respondents/find-respondent-by-token.ts';
export { getRespondent, findRespondent } from './respondents/get-respondent.ts';

export { saveDraft, type SavedDraft } from './responses/save-draft.ts';
export { saveDraftGrouped } from './responses/group-commit.ts';
export { getDraft } from './responses/get-draft.ts';
export { submitResponse, type SubmitResult } from './responses/submit-response.ts';
export { getCurrentSubmission, listSubmissions } from './responses/get-submissions.ts';

export {
  importRound,
  type ImportRoundInput,
  type ImportRoundResult,
  type ImportProgress,
} from './import/import-round.ts';
export { loadRoundData, streamRoundData, type RoundData } from './export/load-round-data.ts';
export { countSubmittedRespondents } from './export/count-respondents.ts';

export { appendAudit, listAudit, type AuditInput } from './audit/append-audit.ts';
export { listAuditEntries, hasAuditEntry, type AuditFilter, type AuditQuery } from './audit/list-audit.ts';
export { createUser, findUserByEmail, disableUser, type UserInput } from './users/users.ts';

export { USER_ROLES } from './schema.ts';
export type { AccountsSchema, AuthMethod, MailKind, PasswordTokenPurpose } from './accounts/schema.ts';
export {
  insertOidcLogin,
  takeOidcLogin,
  findUserByOidcSubject,
  oidcLinkOf,
  linkOidcSubject,
  type PendingOidcLogin,
} from './accounts/oidc.ts';
export { accountsKysely } from './accounts/schema.ts';
export {
  insertSession,
  findSessionByHash,
  touchSession,
  revokeSession,
  revokeUserSessions,
  deleteSessionsBefore,
  type StoredSession,
} from './accounts/sessions.ts';
export {
  getThrottle,
  countFailure,
  lockKey,
  clearThrottle,
  type ThrottleState,
} from './accounts/login-throttle.ts';
export {
  countHit,
  holdRateLimit,
  deleteExpiredRateLimits,
  type RateLimitCount,
} from './rate-limits/counters.ts';
export {
  insertPasswordToken,
  peekPasswordToken,
  consumePasswordToken,
  expireUserPasswordTokens,
  type LivePasswordToken,
} from './accounts/password-tokens.ts';
export { getUserById, listUsers, setPasswordHash } from './accounts/users.ts';
export {
  countActiveAdmins,
  recordLogin,
  reenableUser,
  revokeUserApiTokens,
  updateUserAccess,
} from './users/manage-users.ts';
export { assignRoundStaff, isRoundStaff, roundIdsOfStaff, staffOfRound } from './accounts/round-staff.ts';
export {
  addInvitationTokenHash,
  listInvitees,
  recordInvitationMail,
  revokeInvitationLinks,
  setInvitationTokenHash,
  type Invitee,
  type InviteeScope,
} from './invitations/invitees.ts';
export {
  findInvitees,
  getInvitee,
  inviteeCounts,
  INVITEE_STATUSES,
  INVITEES_PER_PAGE,
  type InviteeFilter,
  type InviteePage,
  type InviteeRow as InviteeListRow,
  type InviteeStatus,
} from './invitations/find-invitees.ts';
export {
  DuplicateInviteeError,
  removeInvitee,
  SubmittedInviteeError,
  updateInviteeContact,
  type InviteeContact,
} from './invitations/change-invitee.ts';
export { recordSurveyOpened } from './respondents/record-opened.ts';
export { eraseRoundEmails } from './invitations/erase-emails.ts';
export { getMailRecipient, type MailRecipient } from './invitations/mail-recipient.ts';
export { respondentRecords, type RespondentRecord } from './invitations/respondent-records.ts';

export type { PlanScope } from './plans/schema.ts';
export type { PlanItemFields } from './plans/check-plan-item.ts';
export { listPlanItems } from './plans/list-plan-items.ts';
export { createPlanItem } from './plans/create-plan-item.ts';
export { updatePlanItem } from './plans/update-plan-item.ts';
export { deletePlanItem } from './plans/delete-plan-item.ts';
export {
  listCompetencyTargets,
  setCompetencyTargets,
  type TargetChange,
} from './plans/competency-targets.ts';
export { listRoundOrganisations } from './reports/round-organisations.ts';
export {
  listOrganisationRounds,
  loadOrganisationRoundData,
  organisationHasAnswers,
} from './reports/organisation-history.ts';
export { setRoundTexts } from './round-settings/set-round-texts.ts';
export {
  listRoundAttributes,
  setRoundAttributes,
  roundAttributesRevision,
  type RoundOrganisationAttributes,
  type RoundAttributesInput,
} from './round-organisations/round-attributes.ts';
export {
  replaceComparisonSets,
  listComparisonSets,
  type StoredComparisonSet,
} from './round-organisations/comparison-sets.ts';
export {
  writeOrganisationScores,
  lockOrganisationScore,
  listOrganisationScores,
  readScoreColumns,
  scoresRevision,
  getRoundScoresLayout,
  setRoundScoresLayout,
  clearRoundScores,
  lockRoundScores,
  type OrganisationScoreRow,
  type StoredOrganisationScore,
} from './scores/organisation-scores.ts';
export { classifyDriverError, toStorageError, type ClassifyContext } from './driver-errors.ts';
export {
  insertOrganisationVersions,
  listOrganisationVersions,
  listVersionFigures,
  listVersionsOfOrganisation,
  markVersionViewed,
  type NewOrganisationVersion,
  type StoredOrganisationVersion,
  type VersionAttributes,
  type VersionFigures,
} from './releases/organisation-versions.ts';
export {
  insertRelease,
  listReleases,
  latestReleaseHead,
  getRelease,
  type StoredRelease,
  type NewRelease,
} from './releases/releases.ts';
export {
  listCurrentSubmissions,
  countPendingRespondents,
  loadSubmissions,
  type CurrentSubmission,
  type SubmissionAnswers,
} from './releases/round-submissions.ts';
export type { ItemState, JobState } from './jobs/schema.ts';
export {
  enqueueJob,
  getJob,
  listRoundJobs,
  jobCounts,
  claimJob,
  renewJobLease,
  releaseJob,
  finishJob,
  type Job,
  type JobCounts,
  type NewJob,
} from './jobs/jobs.ts';
export {
  claimJobItem,
  setJobItemToken,
  completeJobItem,
  takeOverAbandonedItems,
  listJobItems,
  jobItemResults,
  type JobItem,
  type JobItemRow,
  type ItemOutcome,
} from './jobs/job-items.ts';
export { storeJobResult, getJobResult, hasJobResult, type JobResult } from './jobs/job-results.ts';

export { readPortfolio, type StoredPortfolio } from './portfolio/read-portfolio.ts';
export {
  appendPortfolioPublications,
  listPortfolioPublications,
  lockPortfolioPublications,
  readAllPortfolios,
  type PortfolioOfOrganisation,
} from './portfolio/across.ts';
export {
  saveInitiative,
  upsertInitiatives,
  upsertRealisations,
  savePortfolioSettings,
} from './portfolio/write-portfolio.ts';
export type { StoredInitiative } from './portfolio/schema.ts';

export {
  replacePanelRespondents,
  listPanelRespondents,
  countPanelRespondents,
  getPanelMinCell,
  setPanelMinCell,
  type ReplacePanelResult,
} from './panel/panel-respondents.ts';
