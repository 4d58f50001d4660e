// Development tokens: npm run token -- --role agent --sub a-1 [--org org-1] [--ttl 8h] [--scope 'tickets:read tickets:write']
// Signs with AUTH_JWT_SECRET, or the development secret `npm start` uses when none is set.
import { parseArgs } from 'node:util';
import { DEVELOPMENT_JWT_SECRET } from './auth.settings';
import { ROLES, type Role } from './principal';
import { SCOPES } from './scopes';
import { principalFrom, scopesFrom, signDevToken } from './token-verifier';

const main = async () => {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      sub: { type: 'string' },
      org: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
      scope: { type: 'string' },
    },
  });
  if (!values.role || !values.sub) {
    throw new Error(
      `usage: npm run token -- --role ${ROLES.join('|')} --sub <id> [--org <organisation id>] [--ttl 8h] [--scope '<scope> ...']\n` +
        `scopes: ${SCOPES.join(' ')} (without --scope: the role's defaults; a system token gets only what it is given)`,
    );
  }
  // Refuse what the services would refuse, before handing out a useless token.
  const principal = principalFrom({ sub: values.sub, role: values.role as Role, org: values.org });
  const scopes = values.scope === undefined ? undefined : values.scope.split(/[\s,]+/).filter(Boolean);
  if (scopes) scopesFrom({ scope: scopes.join(' ') }, principal.role);
  const secret = process.env.AUTH_JWT_SECRET || DEVELOPMENT_JWT_SECRET;
  process.stdout.write(`${await signDevToken(secret, principal, { expiresIn: values.ttl, scopes })}\n`);
};

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
});
