import { termOf } from '../search/analyzer.js';

function terms(words: string): Set<string> {
	return new Set(words.split(/\s+/).flatMap((word) => termOf(word) ?? []));
}

/**
 * Words that phrase a question rather than name what it is about ("When did the raid *happen*?",
 * "What did Airwars *find*?"). In a small corpus they are rare, so their IDF would outweigh the real subject;
 * they still match, at a fraction of their weight.
 */
export const LIGHT_TERMS = terms(`
happen occur take place find say know describe explain mean call report involve role get make do go come give use
think want look seem become according article story source sources news detail details information exactly kind sort
type thing things way ways see keep put turn try fall read carry change answer cause bring set hear ask leave left need
believe let begin start end help show run move hold stand lose include continue learn lead understand follow stop
speak allow add grow open remain remember consider appear expect stay reach suggest claim mention note add
ever actually really anything something nothing everything anyone someone publicly exactly currently recently
originally quickly still already even never always often again later first last next new big small large long
little good bad whole main part name number day date time year month week people person reason happened matter
spell spelled spelling surname named called title
remind bit passage quote quotes piece wonder wondering please
morning afternoon evening night today yesterday tonight
`)

export const LIGHT_TERM_FACTOR = 0.2;
