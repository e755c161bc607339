import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isDateString } from '@duban/domain';

/** A real calendar date written YYYY-MM-DD (2025-02-30 is refused). */
export function IsDateOnly(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateOnly',
      validator: {
        validate: (value: unknown) => isDateString(value),
        defaultMessage: (args) => `${args?.property ?? '日期'} 必须是真实存在的日期，格式 YYYY-MM-DD`,
      },
    },
    options,
  );
}
