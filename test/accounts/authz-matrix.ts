/**
 * Who may call every route of the app. A route missing here fails the test, and so does an
 * entry whose route no longer exists: a new route needs a decision.
 *
 * Principals: the three staff roles (logged in with a session cookie), an anonymous caller,
 * and a respondent of another organisation (organisation B) presenting their invitation token
 * (in `:token`, and as a bearer token everywhere else).
 */
export const PRINCIPALS = ['admin', 'analyst', 'org_lead', 'anonymous', 'respondent'] as const;
export type Principal = (typeof PRINCIPALS)[number];

const ALL: Principal[] = [...PRINCIPALS];
const STAFF: Principal[] = ['admin', 'analyst', 'org_lead'];
const RUNNERS: Principal[] = ['admin', 'analyst'];
const ADMIN: Principal[] = ['admin'];
const EDITORS: Principal[] = ['admin', 'org_lead'];
const RESPONDENT: Principal[] = ['respondent'];

export const AUTHZ_MATRIX: Readonly<Record<string, readonly Principal[]>> = {
  'GET /api/health': ALL,
  'HEAD /api/health': ALL,
  'GET /api/openapi.json': ALL,
  'GET /api/instruments': ALL,
  'GET /api/instruments/:id': ALL,

  'GET /api/survey/:token': RESPONDENT,
  'PUT /api/survey/:token/draft': RESPONDENT,
  'POST /api/survey/:token/submit': RESPONDENT,

  'GET /api/rounds': RUNNERS,
  'POST /api/rounds': ADMIN,
  'GET /api/rounds/:name': RUNNERS,
  'PATCH /api/rounds/:name': ADMIN,
  'POST /api/rounds/:name/respondents': ADMIN,
  'POST /api/rounds/:name/import': ADMIN,
  'GET /api/rounds/:name/export': ADMIN,
  'GET /api/rounds/:name/sector': RUNNERS,
  'GET /api/rounds/:name/organisations': RUNNERS,
  // The citizen panel (issue 14): whoever runs the round imports the provider's file and reads its figures.
  'POST /api/rounds/:name/panel': RUNNERS,
  'GET /api/rounds/:name/panel': RUNNERS,

  'POST /api/auth/login': ALL,
  'GET /api/auth/session': STAFF,
  'POST /api/auth/logout': STAFF,
  'POST /api/auth/logout-everywhere': STAFF,
  'POST /api/auth/password': ALL,

  'GET /api/rounds/:name/dashboard': RUNNERS,
  'POST /api/rounds/:name/invitations': RUNNERS,
  'POST /api/rounds/:name/invitations/links': RUNNERS,
  'POST /api/rounds/:name/invitations/send': RUNNERS,
  // Background jobs (issue 12): whoever runs the round; exports of raw answers stay with admins.
  'POST /api/rounds/:name/report-pdfs': RUNNERS,
  'POST /api/rounds/:name/export-jobs': ADMIN,
  'GET /api/jobs/:id': RUNNERS,
  'GET /api/jobs/:id/result': RUNNERS,
  'GET /api/rounds/:name/sector-report': RUNNERS,
  'GET /api/rounds/:name/open-data': RUNNERS,
  'GET /api/rounds/:name/releases': RUNNERS,
  'POST /api/rounds/:name/releases': RUNNERS,
  'POST /api/rounds/:name/erase-emails': RUNNERS,
  'POST /api/rounds/:name/staff': ADMIN,
  'GET /api/rounds/:name/invitees': RUNNERS,
  'PATCH /api/rounds/:name/invitees/:id': RUNNERS,
  'DELETE /api/rounds/:name/invitees/:id': RUNNERS,
  'GET /api/audit': ADMIN,
  'POST /api/privacy/respondent-export': ADMIN,

  'GET /admin/assets/admin.css': ALL,
  'GET /admin/login': ALL,
  'POST /admin/login': ALL,
  'GET /admin/set-password/:token': ALL,
  'POST /admin/set-password/:token': ALL,
  'GET /admin/forgot-password': ALL,
  'POST /admin/forgot-password': ALL,
  // Single sign-on (issue 18): anyone may start or finish a log-in; 404 where SSO is not set up.
  'GET /admin/login/sso': ALL,
  'GET /admin/login/sso/callback': ALL,
  'POST /admin/logout': STAFF,
  'POST /admin/logout-everywhere': STAFF,
  'GET /admin': STAFF,
  'GET /admin/rounds/new': RUNNERS,
  'POST /admin/rounds': RUNNERS,
  'GET /admin/rounds/:name': RUNNERS,
  'POST /admin/rounds/:name/settings': RUNNERS,
  'POST /admin/rounds/:name/status': RUNNERS,
  'GET /admin/rounds/:name/status': RUNNERS,
  'POST /admin/rounds/:name/release': RUNNERS,
  'POST /admin/rounds/:name/invitations': RUNNERS,
  'POST /admin/rounds/:name/links': RUNNERS,
  'POST /admin/rounds/:name/send': RUNNERS,
  'POST /admin/rounds/:name/report-pdfs': RUNNERS,
  'GET /admin/jobs/:id': RUNNERS,
  'GET /admin/jobs/:id/result': RUNNERS,
  'POST /admin/rounds/:name/erase-emails': RUNNERS,
  'POST /admin/rounds/:name/staff': ADMIN,
  'GET /admin/rounds/:name/invitees': RUNNERS,
  'GET /admin/rounds/:name/invitees/:id': RUNNERS,
  'POST /admin/rounds/:name/invitees/:id': RUNNERS,
  'POST /admin/rounds/:name/invitees/:id/resend': RUNNERS,
  'GET /admin/rounds/:name/invitees/:id/remove': RUNNERS,
  'POST /admin/rounds/:name/invitees/:id/remove': RUNNERS,
  'GET /admin/rounds/:name/organisations': RUNNERS,
  'POST /admin/rounds/:name/organisations': RUNNERS,
  'POST /admin/rounds/:name/organisations/attributes': RUNNERS,
  'POST /admin/rounds/:name/organisations/comparisons': RUNNERS,
  'GET /admin/rounds/:name/report': RUNNERS,
  'GET /admin/rounds/:name/report.pdf': RUNNERS,
  'GET /admin/rounds/:name/panel': RUNNERS,
  'GET /admin/audit': ADMIN,
  'GET /admin/audit.csv': ADMIN,
  'GET /admin/privacy': ADMIN,
  'POST /admin/privacy': ADMIN,
  'GET /admin/users': ADMIN,
  'POST /admin/users': ADMIN,
  'GET /admin/users/:id': ADMIN,
  'POST /admin/users/:id': ADMIN,
  'POST /admin/users/:id/disable': ADMIN,
  'POST /admin/users/:id/reinvite': ADMIN,

  // The organisation report and action plan (issue 5). `:org` is the org lead's organisation;
  // the respondent belongs to another one.
  'GET /reports/assets/report.css': ALL,
  'GET /reports/assets/icon.svg': ALL,
  'GET /reports/:round/organisations/:org': STAFF,
  'GET /reports/:round/organisations/:org/report.pdf': STAFF,
  'GET /reports/:round/organisations/:org/figures.xlsx': STAFF,
  'POST /reports/:round/organisations/:org/plan': EDITORS,
  'POST /reports/:round/organisations/:org/plan/:id': EDITORS,
  'POST /reports/:round/organisations/:org/plan/:id/delete': EDITORS,
  // A plan step becomes a portfolio initiative (issue 16): the portfolio's editors.
  'POST /reports/:round/organisations/:org/plan/:id/portfolio': EDITORS,
  'POST /reports/:round/organisations/:org/targets': EDITORS,
  // One organisation's instruments together (issue 15): whoever may read its reports sees the
  // rounds they may read; its checklists (the leaders' own evidence) only its lead and admins.
  'GET /admin/organisations/:org/overview': STAFF,
  'GET /admin/organisations/:org/checklists/:instrument': EDITORS,
  'GET /admin/organisations/:org/checklists/:instrument/pdf': EDITORS,
  'GET /api/rounds/:name/organisations/:org/report': STAFF,
  'GET /api/rounds/:name/organisations/:org/plan': STAFF,
  'POST /api/rounds/:name/organisations/:org/plan': EDITORS,
  'PATCH /api/rounds/:name/organisations/:org/plan/:id': EDITORS,
  'DELETE /api/rounds/:name/organisations/:org/plan/:id': EDITORS,
  'GET /api/rounds/:name/organisations/:org/targets': STAFF,
  'PUT /api/rounds/:name/organisations/:org/targets': EDITORS,

  // The digital portfolio (issue 16): the lead of `:org` and admins change it, analysts read it.
  'GET /api/organisations/:org/portfolio': STAFF,
  'POST /api/organisations/:org/portfolio/initiatives': EDITORS,
  'PUT /api/organisations/:org/portfolio/initiatives/:id': EDITORS,
  'PUT /api/organisations/:org/portfolio/realisations/:month': EDITORS,
  'PUT /api/organisations/:org/portfolio/settings': EDITORS,
  'POST /api/organisations/:org/portfolio/import': EDITORS,
  'GET /api/organisations/:org/portfolio/export': STAFF,
  // Its staff pages: the same rule (src/admin-ui/routes/portfolio.ts reuses the API's check).
  'GET /admin/organisations/:org/portfolio': STAFF,
  'POST /admin/organisations/:org/portfolio/settings': EDITORS,
  'GET /admin/organisations/:org/portfolio/new': EDITORS,
  'POST /admin/organisations/:org/portfolio/initiatives': EDITORS,
  'GET /admin/organisations/:org/portfolio/initiatives/:id': EDITORS,
  'POST /admin/organisations/:org/portfolio/initiatives/:id': EDITORS,
  'POST /admin/organisations/:org/portfolio/initiatives/:id/stop': EDITORS,
  'GET /admin/organisations/:org/portfolio/catalogue': STAFF,
  'POST /admin/organisations/:org/portfolio/catalogue': EDITORS,
  'POST /admin/organisations/:org/portfolio/import': EDITORS,
  'GET /admin/organisations/:org/portfolio/export': STAFF,
  'GET /admin/organisations/:org/portfolio/review': EDITORS,
  'POST /admin/organisations/:org/portfolio/review': EDITORS,
  // Across organisations, under the round's k: whoever runs the round.
  'GET /api/rounds/:name/portfolio-figures': RUNNERS,
};
