import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { UUID_V4 } from './path-ids';

type JsonSchema = Record<string, unknown>;

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
      return { format: 'date-time' };
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
      if (rule.each) continue;
      const documented = Reflect.getOwnMetadata(API_MODEL_PROPERTIES, target.prototype, rule.propertyName);
      if (!documented) continue;
      // @IsOptional() lets null through as absent: the document says so.
      const keywords = rule.type === 'conditionalValidation' ? { nullable: true } : keywordsOf(rule);
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
