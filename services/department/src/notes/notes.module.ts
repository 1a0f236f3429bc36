import { Module } from '@nestjs/common';
import { CaseNotesController } from './case-notes.controller';
import { CaseNotesService } from './case-notes.service';

@Module({ controllers: [CaseNotesController], providers: [CaseNotesService] })
export class NotesModule {}
