/** Round settings that the storage layer's round functions do not change: languages, intro text, organiser. */
import type { Text } from '../../core/instrument/schema.ts';
import type { Lang } from '../../core/instrument/types.ts';
import type { Db } from '../database.ts';
import { InvalidInputError } from '../errors.ts';
import { canonicalJson } from '../json.ts';

export async function setRoundTexts(
  db: Db,
  roundId: number,
  input: { languages: readonly Lang[]; intro: Text | null; organiser?: string | null },
): Promise<void> {
  if (input.languages.length === 0) throw new InvalidInputError('A round needs at least one language');
  await db.kysely
    .updateTable('rounds')
    .set({
      languages: canonicalJson([...input.languages]),
      intro: input.intro ? canonicalJson(input.intro) : null,
      ...(input.organiser !== undefined ? { organiser: input.organiser?.trim() || null } : {}),
    })
    .where('id', '=', roundId)
    .execute();
}
