/**
 * A language as people name it in that language ("Català", "English", "Français"), so an agent
 * sees which language a customer wrote in whatever language the desktop is in; a tag the browser
 * cannot name stays as it is.
 */
export function languageName(tag: string): string {
  try {
    const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag);
    if (!name || name === tag) return tag;
    return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
  } catch {
    return tag;
  }
}
