import { ownString } from './string-pool';

/** Context about one process, joined to DNS events by ProcessGuid (Sysmon EID 1, 7, 11). */
export interface ProcessFacts {
  guid: string;
  image: string;
  pid: number;
  host: string;
  user: string;
  commandLine: string;
  parentImage: string;
  parentGuid: string;
  company: string;
  description: string;
  product: string;
  fileVersion: string;
  originalFileName: string;
  integrityLevel: string;
  /** algorithm (SHA256, MD5, SHA1, IMPHASH) → lower-case hex, of the image itself */
  hashes: Record<string, string>;
  /** from the EID 7 whose ImageLoaded is the process image */
  signed: boolean | null;
  signature: string;
  signatureStatus: string;
  createdFiles: { path: string; time: number; creationUtcTime: string; line: number }[];
  /** input and line of every record that contributed */
  sources: { input: number; line: number; eventId: number }[];
}

export interface ProcessFactRecord {
  eventId: number;
  input: number;
  line: number;
  time: number;
  guid: string;
  pid: number;
  image: string;
  host: string;
  user: string;
  commandLine?: string;
  parentImage?: string;
  parentGuid?: string;
  company?: string;
  description?: string;
  product?: string;
  fileVersion?: string;
  originalFileName?: string;
  integrityLevel?: string;
  hashes?: Readonly<Record<string, string>>;
  imageLoaded?: string;
  signed?: boolean;
  signature?: string;
  signatureStatus?: string;
  targetFilename?: string;
  creationUtcTime?: string;
}

/** Bounds so that a hostile file cannot grow one process without limit. */
const MAX_FILES = 1000;
const MAX_SOURCES = 1000;

function blank(guid: string): ProcessFacts {
  return {
    guid,
    image: '',
    pid: -1,
    host: '',
    user: '',
    commandLine: '',
    parentImage: '',
    parentGuid: '',
    company: '',
    description: '',
    product: '',
    fileVersion: '',
    originalFileName: '',
    integrityLevel: '',
    hashes: Object.create(null) as Record<string, string>,
    signed: null,
    signature: '',
    signatureStatus: '',
    createdFiles: [],
    sources: [],
  };
}

function fill(target: ProcessFacts, key: keyof ProcessFacts, value: string | undefined): void {
  if (value !== undefined && value !== '' && value !== '-' && target[key] === '') {
    (target as unknown as Record<string, unknown>)[key] = ownString(value);
  }
}

/** Process facts keyed by lower-case ProcessGuid. */
export class ProcessTable {
  private readonly byGuid = new Map<string, ProcessFacts>();

  get size(): number {
    return this.byGuid.size;
  }

  get(guid: string): ProcessFacts | undefined {
    return this.byGuid.get(guid.toLowerCase());
  }

  all(): IterableIterator<ProcessFacts> {
    return this.byGuid.values();
  }

  add(r: ProcessFactRecord): void {
    const guid = r.guid.toLowerCase();
    if (guid === '') return;
    let p = this.byGuid.get(guid);
    if (!p) {
      p = blank(guid);
      this.byGuid.set(guid, p);
    }
    if (p.sources.length < MAX_SOURCES) p.sources.push({ input: r.input, line: r.line, eventId: r.eventId });
    fill(p, 'image', r.image);
    fill(p, 'host', r.host);
    fill(p, 'user', r.user);
    if (p.pid < 0 && r.pid >= 0) p.pid = r.pid;
    if (r.eventId === 1) {
      fill(p, 'commandLine', r.commandLine);
      fill(p, 'parentImage', r.parentImage);
      fill(p, 'parentGuid', r.parentGuid?.toLowerCase());
      fill(p, 'company', r.company);
      fill(p, 'description', r.description);
      fill(p, 'product', r.product);
      fill(p, 'fileVersion', r.fileVersion);
      fill(p, 'originalFileName', r.originalFileName);
      fill(p, 'integrityLevel', r.integrityLevel);
      if (r.hashes) for (const [k, v] of Object.entries(r.hashes)) p.hashes[k] = ownString(v);
    } else if (r.eventId === 7) {
      const loaded = (r.imageLoaded ?? '').toLowerCase();
      if (loaded !== '' && loaded === (p.image || r.image).toLowerCase()) {
        if (r.signed !== undefined) p.signed = r.signed;
        fill(p, 'signature', r.signature);
        fill(p, 'signatureStatus', r.signatureStatus);
        if (r.hashes) for (const [k, v] of Object.entries(r.hashes)) p.hashes[k] ??= ownString(v);
      }
    } else if (r.eventId === 11 && r.targetFilename && p.createdFiles.length < MAX_FILES) {
      p.createdFiles.push({
        path: ownString(r.targetFilename),
        time: r.time,
        creationUtcTime: r.creationUtcTime ?? '',
        line: r.line,
      });
    }
  }
}
