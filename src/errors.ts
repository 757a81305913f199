/**
 * Error codes, in one catalog, so tests and adapters match a code rather than a sentence.
 * Every message here is safe to show to a user as is.
 */
export const ErrorCodes = {
	QuestionEmpty: 'QUESTION_EMPTY',
	QuestionTooLong: 'QUESTION_TOO_LONG',
	QuestionControlCharacters: 'QUESTION_CONTROL_CHARACTERS',
	UnknownDocument: 'UNKNOWN_DOCUMENT',
	UnknownParagraph: 'UNKNOWN_PARAGRAPH',
	InvalidDocument: 'INVALID_DOCUMENT',
	DocumentExists: 'DOCUMENT_EXISTS',
	InvalidArgument: 'INVALID_ARGUMENT',
	RefreshFailed: 'REFRESH_FAILED',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** An error whose message explains a problem with the user's input. Anything else is internal and is never shown. */
export class UserFacingError extends Error {
	constructor(
		readonly code: ErrorCode,
		message: string,
	) {
		super(message);
		this.name = 'UserFacingError';
	}
}
