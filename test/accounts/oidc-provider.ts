/**
 * A real OpenID provider (`oidc-provider`, the certified reference implementation) on
 * loopback for the single sign-on tests, with its development log-in and consent pages: any
 * account id from ACCOUNTS logs in with any password. Served as `localhost` while the app is
 * `127.0.0.1`, so the browser sees two sites, as with a real provider (SameSite rules apply).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const CLIENT_ID = 'pejling-test';
export const CLIENT_SECRET = 'a client secret only the test knows';

/** The people the provider knows: id → claims. */
export const ACCOUNTS: Readonly<Record<string, Record<string, unknown>>> = {
  lead: { email: 'lead@example.dk', email_verified: true, groups: ['pejling-leads'] },
  stranger: { email: 'stranger@example.dk', email_verified: true, groups: [] },
  unverified: { email: 'admin@example.dk', email_verified: false, groups: [] },
  newanalyst: { email: 'new.analyst@example.dk', email_verified: true, groups: ['pejling-analysts'] },
};

export interface TestProvider {
  readonly issuer: string;
  close(): Promise<void>;
}

/** A port free now (the app's redirect URL must be registered before the app listens). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startProvider(appOrigin: string): Promise<TestProvider> {
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_q, res) => res.end();
  const server: Server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://localhost:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${appOrigin}/admin/login/sso/callback`],
        post_logout_redirect_uris: [`${appOrigin}/admin/login?notice=login.loggedOut`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], groups: ['groups'] },
    scopes: ['openid', 'email', 'groups'],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    cookies: { keys: ['test cookie key'] },
    async findAccount(_ctx, id) {
      const claims = ACCOUNTS[id];
      if (!claims) return undefined;
      return { accountId: id, claims: () => ({ sub: id, ...claims }) };
    },
  });
  handle = provider.callback();
  return {
    issuer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
