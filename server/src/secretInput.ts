/**
 * Reads a secret from standard input: everything piped in, or one line typed at a terminal with
 * echo off (nothing of it appears on screen or in the scroll-back). Never from the command line,
 * where every user of the machine could read it in the process list.
 */
export async function readSecretFromStdin(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    stdin.setEncoding('utf8');
    for await (const chunk of stdin) text += String(chunk);
    return text;
  }
  return new Promise((resolve, reject) => {
    let typed = '';
    // Echo off before the prompt shows: a paste that follows the prompt at once is never echoed.
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    process.stderr.write(prompt);
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new Error('Cancelled.'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}
