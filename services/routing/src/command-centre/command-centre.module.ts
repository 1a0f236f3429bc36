import { Module } from '@nestjs/common';
import { CaseRoundsModule } from '../dispatch/case-rounds.module';
import { CommandCentreController } from './command-centre.controller';
import { CommandCentreService } from './command-centre.service';

@Module({ imports: [CaseRoundsModule], controllers: [CommandCentreController], providers: [CommandCentreService] })
export class CommandCentreModule {}
