// Recognising the token in `claude setup-token`'s raw terminal output (client/src/setupTokenOutput.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findSetupToken, OutputTail, stripTerminalEscapes } from '../../client/src/setupTokenOutput.ts';

const token = `sk-ant-oat01-${'A1b2_C3-'.repeat(12)}`;

test('finds the token between colour codes, cursor moves and shell-integration marks', () => {
  const output = `\x1b]633;C\x07\x1b[?25l\x1b[32m✓ Login successful\x1b[39m\r\n\r\nYour OAuth token (valid for 1 year):\r\n\r\n\x1b[1m${token}\x1b[22m\r\n\r\nStore this token securely.\r\n\x1b]633;D;0\x07`;
  assert.equal(findSetupToken(output), token);
  assert.equal(stripTerminalEscapes('\x1b[31mred\x1b[0m \x1b]0;title\x07x'), 'red x');
});

test('nothing when no token was printed; the last one when several were', () => {
  assert.equal(findSetupToken('Error: login cancelled\r\n'), undefined);
  const second = `sk-ant-oat01-${'Z'.repeat(90)}`;
  assert.equal(findSetupToken(`${token}\r\nagain\r\n${second}\r\n`), second);
});

test('a token split across chunks is found once whole, and the tail stays bounded', () => {
  const tail = new OutputTail(256);
  tail.push('x'.repeat(1000));
  assert.equal(tail.text.length, 256);
  tail.push(`\r\n${token.slice(0, 30)}`);
  tail.push(`${token.slice(30)}\r\n`);
  assert.equal(findSetupToken(tail.text), token);
  tail.clear();
  assert.equal(tail.text, '');
});
