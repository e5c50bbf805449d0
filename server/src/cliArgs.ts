import { parseArgs, type ParseArgsConfig } from 'node:util';

type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `node:util` parseArgs for one command: strict options, positionals allowed, and a parse error
 * turned into `makeError(one line)` (its messages can span lines; a usage error is one line on stderr).
 */
export function parseCommandArgs<O extends Options>(args: string[], options: O, makeError: (message: string) => Error): Parsed<O> {
  try {
    return parseArgs({ args, options, allowPositionals: true as const, strict: true as const });
  } catch (error) {
    throw makeError((error as Error).message.replace(/\s*\n\s*/g, ' '));
  }
}
