import { DynamicModule, Module } from '@nestjs/common';
import { ApiKeyAuthModule, coreModules } from '@gridwhistle/platform';
import { IntakeEnv } from './intake.env';
import { intakeDatabase } from './database/intake.database';
import { ReporterCipher } from './privacy/reporter-cipher';
import { ReportFingerprint } from './privacy/report-fingerprint';
import { CasesModule } from './cases/cases.module';
import { ReferenceModule } from './reference/reference.module';
import { Open311Module } from './open311/open311.module';
import { NotificationsModule } from './notifications/notifications.module';
import { LocationsModule } from './locations/locations.module';
import { Gazetteer } from './locations/gazetteer';
import { TrackingCodes } from './tracking/tracking-code';
import { TrackingModule } from './tracking/tracking.module';
import { RequesterHash } from './privacy/requester-hash';

@Module({})
export class AppModule {
  static register(env: IntakeEnv): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ...coreModules('intake', env, intakeDatabase(env)),
        ApiKeyAuthModule.register('intake.integrations'),
        ReferenceModule,
        CasesModule,
        Open311Module,
        NotificationsModule.register(env),
        LocationsModule,
        TrackingModule,
      ],
      providers: [
        { provide: ReporterCipher, useValue: new ReporterCipher(env.PII_ENCRYPTION_KEY) },
        { provide: ReportFingerprint, useValue: new ReportFingerprint(env.PII_ENCRYPTION_KEY) },
        { provide: Gazetteer, useValue: Gazetteer.read(env.GAZETTEER_FILE) },
        { provide: TrackingCodes, useValue: new TrackingCodes(env.PII_ENCRYPTION_KEY) },
        { provide: RequesterHash, useValue: new RequesterHash(env.PII_ENCRYPTION_KEY) },
      ],
      exports: [ReporterCipher, ReportFingerprint, Gazetteer, TrackingCodes, RequesterHash],
    };
  }
}
