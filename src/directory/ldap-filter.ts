/**
 * @module directory/ldap-filter: values in LDAP search filters, escaped as RFC 4515 section 3
 * requires (`*`, `(`, `)`, `\` and NUL as \XX), so a name or e-mail taken from a chat profile
 * can never widen a search (`*)(uid=*` stays a literal).
 */

export function escapeFilterValue(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    out += ch === '*' || ch === '(' || ch === ')' || ch === '\\' || code === 0 ? `\\${code.toString(16).padStart(2, '0')}` : ch;
  }
  return out;
}

/** LDAP_MATCHING_RULE_IN_CHAIN: Active Directory follows nested groups itself ([MS-ADTS] 3.1.1.3.4.4.3). */
export const IN_CHAIN = '1.2.840.113556.1.4.1941';
/** LDAP_MATCHING_RULE_BIT_AND ([MS-ADTS] 3.1.1.3.4.4.1); bit 2 of userAccountControl: ACCOUNTDISABLE ([MS-ADTS] 2.2.16). */
export const BIT_AND = '1.2.840.113556.1.4.803';
export const ACCOUNT_DISABLED = 2;

/** How a person is looked up: by e-mail (Slack profiles), by account name (console), by Entra object id. */
export type DirectoryKey = { kind: 'email'; value: string } | { kind: 'account'; value: string } | { kind: 'entra-object-id'; value: string };

export function userFilter(key: DirectoryKey): string {
  const v = escapeFilterValue(key.value);
  const match =
    key.kind === 'email'
      ? `(|(mail=${v})(userPrincipalName=${v}))`
      : key.kind === 'account'
        ? `(|(sAMAccountName=${v})(userPrincipalName=${v}))`
        : // Entra Connect writes the cloud object id back as msDS-ExternalDirectoryObjectId = User_<id>.
          `(msDS-ExternalDirectoryObjectId=User_${v})`;
  return `(&(objectClass=person)${match}(!(userAccountControl:${BIT_AND}:=${ACCOUNT_DISABLED})))`;
}

export function groupsInChainFilter(userDn: string): string {
  return `(&(objectClass=group)(member:${IN_CHAIN}:=${escapeFilterValue(userDn)}))`;
}
