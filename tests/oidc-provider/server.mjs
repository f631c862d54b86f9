// A real OpenID Connect provider (the npm package oidc-provider) for the browser tests: started by OidcTestProvider on
// 127.0.0.1 and a port of its own, never on another address. It prints "READY <issuer>" once it listens. The tests then
// register the portal as a client (POST /_test/setup) and the people who may sign in (POST /_test/accounts), with
// verified or unverified addresses and groups. Its pages load nothing from elsewhere: the browser stays on this machine.
import http from 'node:http';
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
const accounts = new Map();
let provider;
let issuer;

const page = (title, body) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>`
  + `<body><main><h1>${title}</h1>${body}</main></body></html>`;
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res, status, body, type = 'text/html; charset=utf-8') {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function loginForm(uid, error = '') {
  return page('Sign in to the test provider', `${error ? `<p role="alert">${escape(error)}</p>` : ''}
    <form method="post" action="/interaction/${uid}/login">
      <label for="login">Login</label> <input id="login" name="login" autocomplete="username" required>
      <label for="password">Password</label> <input id="password" name="password" type="password" required>
      <button type="submit">Sign in</button>
    </form>`);
}

function createProvider(clients) {
  const configuration = {
    clients,
    cookies: { keys: ['customercare-test-provider-only'] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
      groups: ['groups'],
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = page('Sign out of the test provider?', `${form}
            <button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
            <button type="submit" form="op.logoutForm">No, stay signed in</button>`);
        },
        postLogoutSuccessSource: async (ctx) => { ctx.body = page('Signed out', '<p>You are signed out of the test provider.</p>'); },
      },
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('Test provider error', Object.entries(out).map(([k, v]) => `<p>${escape(k)}: ${escape(v)}</p>`).join(''));
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (ctx, id) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          email: account.email,
          email_verified: account.email_verified,
          name: account.name,
          groups: account.groups ?? [],
        }),
      };
    },
    // The portal is a first-party client: nobody is asked to consent to it, as with a company's own provider.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      if (!ctx.oidc.session.accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile groups');
      await grant.save();
      return grant;
    },
  };
  const created = new Provider(issuer, configuration);
  created.on('server_error', (ctx, error) => console.error('server_error', error));
  return created;
}

async function handle(req, res) {
  const url = new URL(req.url, issuer);
  if (req.method === 'POST' && url.pathname === '/_test/setup') {
    const { clients } = JSON.parse(await readBody(req));
    provider = createProvider(clients);
    return send(res, 204, '');
  }
  if (req.method === 'POST' && url.pathname === '/_test/accounts') {
    const account = JSON.parse(await readBody(req));
    accounts.set(account.sub, account);
    return send(res, 204, '');
  }
  if (!provider) return send(res, 503, 'not set up yet', 'text/plain');

  const interaction = url.pathname.match(/^\/interaction\/([^/]+)(\/login)?$/);
  if (interaction) {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') return send(res, 200, loginForm(details.uid));
    const form = new URLSearchParams(await readBody(req));
    const account = accounts.get(form.get('login'));
    if (!account || account.password !== form.get('password')) {
      return send(res, 200, loginForm(details.uid, 'Unknown login or wrong password.'));
    }
    return provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
  }
  return provider.callback()(req, res);
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) send(res, 500, escape(error.message));
  });
});
server.listen(Number(values.port), '127.0.0.1', () => {
  issuer = `http://127.0.0.1:${server.address().port}`;
  console.log(`READY ${issuer}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
