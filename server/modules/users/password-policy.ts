import { randomInt } from 'node:crypto';

/** 等保 password policy: at least 8 characters drawn from at least 3 of the 4 character classes. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < 8) return '密码至少8位';
  if (password.length > 128) return '密码不超过128位';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}

const ALPHABET = {
  lower: 'abcdefghijkmnpqrstuvwxyz',
  upper: 'ABCDEFGHJKLMNPQRSTUVWXYZ',
  digit: '23456789',
  symbol: '@#%+=!',
};

/** A random initial password that satisfies the policy (ambiguous characters like l/1/O/0 left out). */
export function generatePassword(length = 12): string {
  const all = Object.values(ALPHABET).join('');
  const pick = (s: string) => s[randomInt(s.length)]!;
  const chars = [pick(ALPHABET.lower), pick(ALPHABET.upper), pick(ALPHABET.digit), pick(ALPHABET.symbol)];
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
