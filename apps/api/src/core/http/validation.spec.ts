import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { CreateUserDto } from '../users/dto/user.dto';
import { UpdateSettingsDto } from '../settings/dto/settings.dto';
import { isMessageKey, LocalizedException, render } from './messages';
import { validationPipe } from './validation';

const pipe = validationPipe();
async function refusal(metatype: new () => object, body: unknown, lang: 'zh' | 'en' = 'zh'): Promise<string> {
  try {
    await pipe.transform(body, { type: 'body', metatype });
  } catch (err) {
    if (err instanceof LocalizedException) return err.messages.map((m) => render(m, lang)).join(' | ');
    throw err;
  }
  return 'accepted';
}

describe('validation messages', () => {
  it('should name each failed rule with the console label of the field, its argument filled in, in Chinese or English', async () => {
    const body = { username: 'ok-name', displayName: 'x'.repeat(61), role: 'boss', password: 'short', orgUnitId: 'nope' };
    expect(await refusal(CreateUserDto, body)).toBe(
      '姓名不能超过 60 个字符 | 角色只能是 admin、office、inspector、leader、liaison | 单位必须是 UUID | 密码至少 8 个字符',
    );
    expect(await refusal(CreateUserDto, body, 'en')).toBe(
      'Display name must have at most 60 characters | Role must be one of admin, office, inspector, leader, liaison | Unit must be a UUID | Password must have at least 8 characters',
    );
  });

  it('should say only what type a field must be when its value has the wrong type, not every range rule it also fails', async () => {
    expect(await refusal(CreateUserDto, { username: 'ok-name', displayName: 5, role: 'admin', password: ['long-enough-1'] })).toBe(
      '姓名必须是文字 | 密码必须是文字',
    );
  });

  it('should name a nested field by its path, and an unknown field as it was sent', async () => {
    expect(await refusal(UpdateSettingsDto, { version: 1, ladder: { urge: 'x' } })).toBe('催办阶梯的催办阈值必须是整数');
    expect(await refusal(UpdateSettingsDto, { version: 1, ladder: { nope: 1 }, colour: 'red' })).toBe(
      '不认识的字段 colour | 不认识的字段 ladder.nope',
    );
  });

  it('should refuse a body that is an array or a bare value, in words', async () => {
    expect(await refusal(CreateUserDto, [1, 2])).toBe('请求体必须是 JSON 对象');
    expect(await refusal(CreateUserDto, 'text', 'en')).toBe('the request body must be a JSON object');
  });

  it('should have a catalogue message for every class-validator rule the DTOs use', async () => {
    const src = join(__dirname, '../..');
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) =>
      /(^|\/)dto\/[^/]+\.ts$|http\/(record|list-query)\.ts$/.test(f),
    );
    expect(files.length).toBeGreaterThan(10);
    const modules: Record<string, unknown>[] = await Promise.all(files.map((f) => import(join(src, f))));
    const names = new Set<string>();
    for (const exported of modules.flatMap((m) => Object.values(m))) {
      if (typeof exported !== 'function') continue;
      for (const meta of getMetadataStorage().getTargetValidationMetadatas(exported, '', true, false)) {
        if (meta.type === 'customValidation' && meta.name) names.add(meta.name);
      }
    }
    expect(names.size).toBeGreaterThan(10);
    expect([...names].filter((n) => !isMessageKey(n))).toEqual([]);
  });
});
