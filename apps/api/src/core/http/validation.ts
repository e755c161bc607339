import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { getMetadataStorage, ValidateIf, type ValidationError } from 'class-validator';
import { isMessageKey, LocalizedException, type Message, type MessageKey } from './messages';

/**
 * The global ValidationPipe: unknown fields are refused, and each failed rule becomes a catalogue message chosen by
 * class-validator's constraint name (the decorators' own `message` texts are not shown).
 */
export function validationPipe(): ValidationPipe {
  return new BodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: true, value: false },
    exceptionFactory: (errors) =>
      new LocalizedException(
        400,
        errors.flatMap((e) => messagesOf(e, '')),
      ),
  });
}

/** A body must be a JSON object where a DTO is expected (an array or a bare value is refused in words). */
class BodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype && this.toValidate(metadata) && value !== undefined && value !== null) {
      if (typeof value !== 'object' || Array.isArray(value)) throw new LocalizedException(400, [{ key: 'body.notObject' }]);
    }
    return super.transform(value, metadata);
  }
}

/** May be left out; but when present, `null` is not a value (the field's rules apply to it). */
export function Omittable(): PropertyDecorator {
  return ValidateIf((_, value) => value !== undefined);
}

const TYPE_RULES = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject']);

function messagesOf(error: ValidationError, prefix: string): Message[] {
  const path = prefix ? `${prefix}.${error.property}` : error.property;
  const keys = Object.keys(error.constraints ?? {});
  // A value of the wrong type also fails its range and nested rules: say only what type it must be.
  const types = keys.filter((k) => TYPE_RULES.has(k));
  const shown = types.length > 0 ? types : keys;
  const own = shown.map((constraint) => messageFor(error, constraint, path));
  return [...own, ...(error.children ?? []).flatMap((child) => messagesOf(child, path))];
}

function messageFor(error: ValidationError, constraint: string, path: string): Message {
  const args = constraintArgs(error, constraint);
  let key: MessageKey = isMessageKey(constraint) ? constraint : 'invalid';
  if (constraint === 'matches') {
    const own = `matches:${error.property}`;
    if (args[0] instanceof RegExp && args[0].source === '\\S') key = 'matches:blank';
    else if (isMessageKey(own)) key = own;
  }
  // An unknown field has no label: name it as it was sent.
  const params: Message['params'] = constraint === 'whitelistValidation' ? { name: path } : { field: path };
  args.forEach((value, i) => {
    if (typeof value === 'string' || typeof value === 'number' || Array.isArray(value)) params[String(i)] = value;
  });
  return { key, params };
}

/** The arguments the decorator was given (`@MaxLength(60)` → [60]), read from class-validator's metadata. */
function constraintArgs(error: ValidationError, constraint: string): unknown[] {
  const target = error.target?.constructor;
  if (!target) return [];
  const meta = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((m) => m.propertyName === error.property && m.name === constraint);
  return (meta?.constraints as unknown[] | undefined) ?? [];
}
