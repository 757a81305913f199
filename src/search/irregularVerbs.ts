/**
 * Irregular English verb forms and their base form. A stemmer only strips suffixes, so without this table
 * "broke" never meets "breaking" and "awoke" never meets "woke". Forms that are more often another word
 * ("left", "lay", "saw") are left out.
 */
const TABLE = `
awoke:wake woke:wake woken:wake awoken:wake began:begin begun:begin bit:bite bitten:bite bled:bleed blew:blow blown:blow
broke:break broken:break brought:bring built:build bought:buy caught:catch chose:choose chosen:choose came:come dealt:deal
dug:dig did:do done:do drew:draw drawn:draw drove:drive driven:drive ate:eat eaten:eat fell:fall fallen:fall fed:feed
felt:feel fought:fight found:find fled:flee flew:fly flown:fly forbade:forbid forgot:forget forgotten:forget froze:freeze
frozen:freeze got:get gotten:get gave:give given:give went:go gone:go grew:grow grown:grow hung:hang heard:hear hid:hide
hidden:hide held:hold kept:keep knew:know known:know led:lead lent:lend lost:lose made:make meant:mean met:meet paid:pay
ran:run rode:ride ridden:ride rose:rise risen:rise said:say sought:seek sold:sell sent:send shook:shake shaken:shake
shot:shoot shut:shut sang:sing sung:sing sank:sink sunk:sink slew:slay slain:slay slept:sleep spoke:speak spoken:speak
spent:spend stood:stand stole:steal stolen:steal struck:strike stricken:strike swore:swear sworn:swear swept:sweep
took:take taken:take taught:teach tore:tear torn:tear told:tell thought:think threw:throw thrown:throw understood:understand
wore:wear worn:wear won:win wrote:write written:write withdrew:withdraw withdrawn:withdraw seen:see
`;

export const IRREGULAR_VERBS: ReadonlyMap<string, string> = new Map(
	TABLE.trim()
		.split(/\s+/)
		.map((pair) => pair.split(':') as [string, string]),
);
