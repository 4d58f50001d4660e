import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { UUID_V4 } from './path-ids';

type JsonSchema = Record<string, unknown>;

const ACCEPTED_DATE_TIME =
  '^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$';

/** What a class-validator rule says, as JSON Schema keywords on the value it checks. */
const keywordsOf = (rule: ValidationMetadata): JsonSchema => {
  const [first, second] = rule.constraints ?? [];
  switch (rule.name) {
    case 'minLength':
      return { minLength: first };
    case 'maxLength':
      return { maxLength: first };
    case 'isEmail':
      return { format: 'email' };
    case 'isUuid':
      return first === '4' ? { format: 'uuid', pattern: UUID_V4 } : { format: 'uuid' };
    case 'isIn':
      return { enum: first };
    case 'isInt':
      return { type: 'integer' };
    case 'min':
      return { minimum: first };
    case 'max':
      return { maximum: first };
    case 'matches':
      return { pattern: (first instanceof RegExp ? first : new RegExp(first, second)).source };
    case 'isIso8601':
    case 'isDateString':
      // The validator refuses years before 100, leap seconds and lowercase separators, which
      // date-time (RFC 3339) allows: the pattern narrows the format to what it accepts.
      return { format: 'date-time', pattern: ACCEPTED_DATE_TIME };
    case 'arrayMaxSize':
      return { maxItems: first };
    case 'arrayMinSize':
      return { minItems: first };
    default:
      return {};
  }
};

const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

/**
 * Documents each DTO's formats and limits from its validation rules, before the document is made:
 * bodies and query parameters then say exactly what the API enforces, and a rule added to a DTO is
 * documented by adding it. Only documented properties are touched; rules on each item are left out.
 */
export const applyValidationConstraints = () => {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<{ prototype: object }, ValidationMetadata[]>;
  };
  for (const [target, rules] of storage.validationMetadatas) {
    for (const rule of rules) {
      const documented = Reflect.getOwnMetadata(API_MODEL_PROPERTIES, target.prototype, rule.propertyName);
      if (!documented) continue;
      // A rule on each item of a list: only its allowed values are said, of the items.
      if (rule.each && rule.name !== 'isIn') continue;
      // @IsOptional() lets null through as absent: the document says so.
      const keywords =
        rule.type === 'conditionalValidation'
          ? { nullable: true }
          : rule.each
            ? { type: 'array', items: { type: 'string', enum: rule.constraints[0] } }
            : keywordsOf(rule);
      if (Object.keys(keywords).length === 0) continue;
      Reflect.defineMetadata(
        API_MODEL_PROPERTIES,
        { ...documented, ...keywords },
        target.prototype,
        rule.propertyName,
      );
    }
  }
};
