/**
 * A problem with what the user gave (an input, a policy, the config, the options of a run): the entry points
 * report it as one clear line and exit 2, never with a stack trace. Recognised by this one class, so that an entry
 * point need not load every module that can throw one.
 */
class UserError extends Error {
}

export { UserError as U };
