/**
 * Offline checks of the Teams app package sources in appPackage/:
 * - manifest.json, with its ${{VAR}} placeholders substituted, validates against the OFFICIAL
 *   Teams manifest schema v1.30, read from a local file shipped in the @microsoft/app-manifest
 *   package (the same file the Agents Toolkit CLI bundles), with the validator settings the Toolkit
 *   uses (ajv draft-04, allErrors, formats uri/email/regex);
 * - the validation can fail: broken copies are rejected with the schema's own errors;
 * - the icons are real PNGs of the sizes Teams requires, the outline icon white on transparent;
 * - every view= a tab URL carries is one the tab implements (config, channel, personal, sidepanel);
 * - every placeholder is declared in the env templates, and the Entra SSO manifest matches the
 *   Teams manifest's webApplicationInfo.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';

// The validator packages are CommonJS (module.exports = the constructor / plugin). They are loaded
// with a require rooted at the repo, typed by the little they are used for, so the test reads the
// same way whatever module settings the jest and tsc configurations use.
interface SchemaError {
  instancePath: string;
  message?: string;
  params: unknown;
}
interface ValidateFunction {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}
interface AjvInstance {
  compile(schema: object): ValidateFunction;
}
type AjvConstructor = new (options: { allErrors: boolean; strictTypes: boolean }) => AjvInstance;
type FormatsPlugin = (ajv: AjvInstance, formats: string[]) => unknown;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const TAB_VIEWS = new Set(['config', 'channel', 'personal', 'sidepanel']);

// Plausible values for every placeholder the package sources use (a new placeholder must be added
// here and to the env templates, or the tests fail).
const SAMPLE_VALUES: Record<string, string> = {
  TEAMS_APP_ID: '3f6a0c1e-9b1d-4c47-9a51-2b0d5e8c7f10',
  BOT_ID: '8b2f4a7e-51c3-4d0e-a6b9-0c1d2e3f4a5b',
  AAD_APP_CLIENT_ID: 'c0ffee00-1234-4abc-8def-0123456789ab',
  AAD_APP_OBJECT_ID: '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6',
  AAD_APP_ACCESS_AS_USER_PERMISSION_ID: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d',
  TAB_ENDPOINT: 'https://peerloopdev-tabs-abc123.azurestaticapps.net',
  TAB_DOMAIN: 'peerloopdev-tabs-abc123.azurestaticapps.net',
  APP_NAME_SUFFIX: '-dev',
};

const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** Walks up from the test file (or the working directory) to the folder holding appPackage/. */
function findRepoRoot(): string {
  const start = expect.getState().testPath ?? process.cwd();
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'appPackage', 'manifest.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`appPackage/manifest.json not found above ${start}`);
    dir = parent;
  }
}

function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => String(m[1])))].sort();
}

function substitute(text: string, values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no sample value for placeholder \${{${name}}}`);
    return value;
  });
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Keys declared in a Toolkit .env file (KEY=value lines; comments and blanks ignored). */
function envKeys(file: string): Set<string> {
  const keys = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
    if (m) keys.add(String(m[1]));
  }
  return keys;
}

// ---- PNG reading (enough of the format to check the Teams icon rules) ----

interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  /** 8-bit RGBA pixels, only decoded for colour type 6 (RGBA) at bit depth 8. */
  rgba?: Buffer;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function readPng(file: string): Png {
  const buf = readFileSync(file);
  if (buf.length < 33 || !buf.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new Error(`${file} is not a PNG file`);
  }
  const chunks: { type: string; data: Buffer }[] = [];
  for (let off = 8; off < buf.length;) {
    const length = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    chunks.push({ type, data: buf.subarray(off + 8, off + 8 + length) });
    off += 12 + length;
    if (type === 'IEND') break;
  }
  const ihdr = chunks[0];
  if (ihdr?.type !== 'IHDR') throw new Error(`${file}: first chunk is not IHDR`);
  const png: Png = {
    width: ihdr.data.readUInt32BE(0),
    height: ihdr.data.readUInt32BE(4),
    bitDepth: ihdr.data.readUInt8(8),
    colorType: ihdr.data.readUInt8(9),
  };
  const interlaced = ihdr.data.readUInt8(12) !== 0;
  if (png.colorType === 6 && png.bitDepth === 8 && !interlaced) {
    const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
    png.rgba = unfilter(raw, png.width, png.height, 4);
  }
  return png;
}

/** Reverses the per-row PNG filters (None, Sub, Up, Average, Paeth). */
function unfilter(raw: Buffer, width: number, height: number, bpp: number): Buffer {
  const stride = width * bpp;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw.readUInt8(y * (stride + 1));
    const src = y * (stride + 1) + 1;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out.readUInt8(y * stride + x - bpp) : 0;
      const b = y > 0 ? out.readUInt8((y - 1) * stride + x) : 0;
      const c = x >= bpp && y > 0 ? out.readUInt8((y - 1) * stride + x - bpp) : 0;
      let predictor: number;
      switch (filter) {
        case 0:
          predictor = 0;
          break;
        case 1:
          predictor = a;
          break;
        case 2:
          predictor = b;
          break;
        case 3:
          predictor = (a + b) >> 1;
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default:
          throw new Error(`unknown PNG filter ${filter} in row ${y}`);
      }
      out.writeUInt8((raw.readUInt8(src + x) + predictor) & 0xff, y * stride + x);
    }
  }
  return out;
}

// ---- fixtures ----

let root: string;
let manifestText: string;
let manifest: JsonObject;
let aadManifestText: string;
let schema: JsonObject;
let validate: (data: unknown) => string[];

beforeAll(() => {
  root = findRepoRoot();
  manifestText = readFileSync(join(root, 'appPackage', 'manifest.json'), 'utf8');
  manifest = JSON.parse(substitute(manifestText, SAMPLE_VALUES)) as JsonObject;
  aadManifestText = readFileSync(join(root, 'appPackage', 'aad.manifest.json'), 'utf8');

  // The official schema file, as published in @microsoft/app-manifest (a devDependency), resolved
  // from the repo's node_modules: no network, no copy in the repo. (Only the JSON file is used: the
  // package's JavaScript entry point needs fs-extra, which it does not declare.)
  const requireFromRoot = createRequire(join(root, 'package.json'));
  const packageDir = dirname(requireFromRoot.resolve('@microsoft/app-manifest/package.json'));
  const schemaFile = join(packageDir, 'build', 'json-schemas', 'teams', 'v1.30', 'MicrosoftTeams.schema.json');
  schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as JsonObject;

  // Same validator settings as the Toolkit's manifest validation (draft-04 schema).
  const Ajv = requireFromRoot('ajv-draft-04') as AjvConstructor;
  const addFormats = requireFromRoot('ajv-formats') as FormatsPlugin;
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const compiled = ajv.compile(schema);
  validate = (data) =>
    compiled(data)
      ? []
      : (compiled.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
});

describe('Teams app manifest (official schema v1.30)', () => {
  it('uses the schema it is validated against', () => {
    const version = (schema.properties as JsonObject).manifestVersion as JsonObject;
    expect(version.const).toBe('1.30');
    expect(manifest.manifestVersion).toBe('1.30');
    expect(manifest.$schema).toBe(
      'https://developer.microsoft.com/en-us/json-schemas/teams/v1.30/MicrosoftTeams.schema.json',
    );
  });

  it('validates once its placeholders are substituted', () => {
    expect(validate(manifest)).toEqual([]);
  });

  it('rejects a copy without the required developer block', () => {
    const broken = clone(manifest);
    delete broken.developer;
    expect(validate(broken)).toEqual(
      expect.arrayContaining([expect.stringMatching(/must have required property 'developer'/)]),
    );
  });

  it('rejects a copy whose bot id is not a GUID', () => {
    const broken = clone(manifest);
    ((broken.bots as JsonObject[])[0] as JsonObject).botId = 'peerloop-bot';
    expect(validate(broken)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\/bots\/0\/botId must match pattern/)]),
    );
  });

  it('rejects the raw template (placeholders are not GUIDs or URLs)', () => {
    const raw = JSON.parse(manifestText) as JsonObject;
    const errors = validate(raw);
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/^\/id must match pattern/)]));
  });

  it('would also validate with the meeting RSC permission (kept out on purpose, see docs/deploy.md)', () => {
    const withRsc = clone(manifest);
    withRsc.authorization = {
      permissions: { resourceSpecific: [{ name: 'OnlineMeeting.ReadBasic.Chat', type: 'Application' }] },
    };
    expect(validate(withRsc)).toEqual([]);
  });

  it('declares the PeerLoop surfaces', () => {
    const channelTab = (manifest.configurableTabs as JsonObject[])[0] as JsonObject;
    expect(channelTab.configurationUrl).toBe(`${SAMPLE_VALUES.TAB_ENDPOINT}/index.html?view=config`);
    expect(channelTab.canUpdateConfiguration).toBe(true);
    expect(channelTab.scopes).toEqual(['team', 'groupChat']);
    expect(channelTab.context).toEqual([
      'channelTab',
      'privateChatTab',
      'meetingChatTab',
      'meetingDetailsTab',
      'meetingSidePanel',
    ]);

    const myLearning = (manifest.staticTabs as JsonObject[]).find((t) => t.name === 'My learning');
    expect(myLearning).toMatchObject({
      contentUrl: `${SAMPLE_VALUES.TAB_ENDPOINT}/index.html?view=personal`,
      scopes: ['personal'],
    });

    const bot = (manifest.bots as JsonObject[])[0] as JsonObject;
    expect(bot.botId).toBe(SAMPLE_VALUES.BOT_ID);
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    const commands = (bot.commandLists as JsonObject[]).flatMap((l) =>
      (l.commands as JsonObject[]).map((c) => c.title),
    );
    expect(commands).toEqual(expect.arrayContaining(['help', 'cohorts']));

    const extension = (manifest.composeExtensions as JsonObject[])[0] as JsonObject;
    expect(extension.botId).toBe(SAMPLE_VALUES.BOT_ID);
    const byId = new Map((extension.commands as JsonObject[]).map((c) => [c.id, c]));
    expect(byId.get('searchCohorts')).toMatchObject({ type: 'query', parameters: [{ name: 'query' }] });
    expect(byId.get('addToQna')).toMatchObject({ type: 'action', context: ['message'], fetchTask: true });
    expect(byId.get('searchLibrary')).toMatchObject({
      type: 'query',
      initialRun: true,
      parameters: [{ name: 'query' }],
    });
    expect(byId.get('shareTip')).toMatchObject({
      type: 'action',
      context: ['compose', 'commandBox', 'message'],
      fetchTask: true,
    });
    // PeerLoop links pasted in a message unfurl into cards: the tab's own domain.
    expect(extension.messageHandlers).toEqual([{ type: 'link', value: { domains: [SAMPLE_VALUES.TAB_DOMAIN] } }]);

    expect(manifest.webApplicationInfo).toEqual({
      id: SAMPLE_VALUES.AAD_APP_CLIENT_ID,
      resource: `api://${SAMPLE_VALUES.TAB_DOMAIN}/${SAMPLE_VALUES.AAD_APP_CLIENT_ID}`,
    });
    expect(manifest.validDomains).toContain(SAMPLE_VALUES.TAB_DOMAIN);
    expect(manifest.permissions).toEqual(['identity', 'messageTeamMembers']);
  });

  it('only routes tabs to views the tab implements', () => {
    // Every view= anywhere in the manifest is one the tab knows.
    const views: string[] = [];
    const walk = (node: Json): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') Object.values(node).forEach(walk);
      else if (typeof node === 'string' && /^https?:\/\//i.test(node))
        views.push(...new URL(node).searchParams.getAll('view'));
    };
    walk(manifest);
    expect(views.length).toBeGreaterThan(0);
    expect(views.filter((v) => !TAB_VIEWS.has(v))).toEqual([]);

    // Every tab page the manifest opens names its view explicitly.
    const tabs = [...(manifest.configurableTabs as JsonObject[]), ...(manifest.staticTabs as JsonObject[])];
    const tabUrls = tabs.flatMap((tab) =>
      ['configurationUrl', 'contentUrl', 'websiteUrl', 'searchUrl']
        .map((key) => tab[key])
        .filter((url): url is string => typeof url === 'string'),
    );
    expect(tabUrls.length).toBeGreaterThanOrEqual(2);
    expect(tabUrls.filter((u) => !TAB_VIEWS.has(new URL(u).searchParams.get('view') ?? ''))).toEqual([]);
  });
});

describe('app icons', () => {
  it('color icon is a 192x192 PNG', () => {
    const icons = manifest.icons as JsonObject;
    const png = readPng(join(root, 'appPackage', icons.color as string));
    expect([png.width, png.height]).toEqual([192, 192]);
  });

  it('outline icon is a 32x32 PNG, white on transparent', () => {
    const icons = manifest.icons as JsonObject;
    const png = readPng(join(root, 'appPackage', icons.outline as string));
    expect([png.width, png.height]).toEqual([32, 32]);
    // Transparency needs an alpha channel; RGBA 8-bit is what the checks below read.
    expect({ colorType: png.colorType, bitDepth: png.bitDepth }).toEqual({ colorType: 6, bitDepth: 8 });

    const rgba = png.rgba as Buffer;
    let transparent = 0;
    let visible = 0;
    const notWhite: string[] = [];
    for (let i = 0; i < rgba.length; i += 4) {
      const [r, g, b, a] = [rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]];
      if (a === 0) transparent++;
      else {
        visible++;
        if (r !== 255 || g !== 255 || b !== 255) notWhite.push(`pixel ${i / 4}: rgb(${r},${g},${b})`);
      }
    }
    expect(notWhite.slice(0, 5)).toEqual([]);
    expect(transparent).toBeGreaterThan(0);
    expect(visible).toBeGreaterThan(0);
  });

  it('the PNG reader rejects a file that is not a PNG', () => {
    expect(() => readPng(join(root, 'appPackage', 'manifest.json'))).toThrow(/is not a PNG file/);
  });
});

describe('placeholders and the Entra SSO app manifest', () => {
  it('every placeholder has a sample value and is declared in the env templates', () => {
    const teamsVars = placeholdersIn(manifestText);
    const aadVars = placeholdersIn(aadManifestText);
    const infraVars = placeholdersIn(readFileSync(join(root, 'infra', 'main.parameters.json'), 'utf8'));

    expect([...teamsVars, ...aadVars].filter((v) => !(v in SAMPLE_VALUES))).toEqual([]);

    const dev = envKeys(join(root, 'env', '.env.dev'));
    const local = envKeys(join(root, 'env', '.env.local'));
    // SECRET_* values live in the gitignored env/.env.<env>.user files, written by the Toolkit.
    const needed = (vars: string[]) => vars.filter((v) => !v.startsWith('SECRET_'));
    expect(needed([...teamsVars, ...aadVars, ...infraVars]).filter((v) => !dev.has(v))).toEqual([]);
    expect(needed([...teamsVars, ...aadVars]).filter((v) => !local.has(v))).toEqual([]);
  });

  it('exposes access_as_user at the resource the Teams manifest asks tokens for', () => {
    const aad = JSON.parse(aadManifestText) as JsonObject;
    const rawTeams = JSON.parse(manifestText) as JsonObject;
    const webApp = rawTeams.webApplicationInfo as JsonObject;

    expect(aad.appId).toBe(webApp.id);
    expect(aad.identifierUris).toEqual([webApp.resource]);

    const api = aad.api as JsonObject;
    const scopes = api.oauth2PermissionScopes as JsonObject[];
    const accessAsUser = scopes.find((s) => s.value === 'access_as_user');
    expect(accessAsUser).toMatchObject({ type: 'User', isEnabled: true });

    // Teams desktop/mobile and Teams web may get tokens for that scope without a consent prompt.
    const preAuthorized = api.preAuthorizedApplications as JsonObject[];
    for (const teamsClient of ['1fec8e78-bce4-4aaf-ab1b-5451cc387264', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346']) {
      expect(preAuthorized).toContainEqual({ appId: teamsClient, delegatedPermissionIds: [accessAsUser?.id] });
    }
  });
});
