/**
 * savedFirst picks the watched file that was saved: the current kata's first, then every other one,
 * including the kata the watch started on. (It once left that kata out, once the watch had moved
 * past it, so an attendee who went back to fix it saw no check at all.)
 */
export function savedFirst<Entry extends { readonly file: string }>(
  current: Entry,
  watched: readonly Entry[],
  wasSaved: (file: string) => boolean,
): Entry | undefined {
  return [current, ...watched.filter((entry) => entry !== current)].find((entry) => wasSaved(entry.file));
}
