import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsInt, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';

/** Local times of day as 'HH:MM', dates as 'YYYY-MM-DD' (both in the calendar's time zone). */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
export const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** official: the State Council's schedule; statutory_only: its statutory days, the make-up days still unknown. */
export const SCHEDULES = ['official', 'statutory_only'] as const;

export class WorkingHoursDocument {
  @Matches(TIME_OF_DAY) from: string;
  @Matches(TIME_OF_DAY) to: string;
}

/** 调解矛盾不过夜: reported before `reportedBefore`, due that day at `dueSameDayAt`; later, the next day at `dueNextDayAt`. */
export class NightfallDocument {
  @Matches(TIME_OF_DAY) reportedBefore: string;
  @Matches(TIME_OF_DAY) dueSameDayAt: string;
  @Matches(TIME_OF_DAY) dueNextDayAt: string;
}

export class HolidayDocument {
  @IsString() @Length(1, 50) name: string;
  @Matches(LOCAL_DATE) from: string;
  @Matches(LOCAL_DATE) to: string;
}

export class CalendarYearDocument {
  @IsInt() @Min(2000) @Max(2100) year: number;
  @IsIn(SCHEDULES) schedule: (typeof SCHEDULES)[number];
  /** Where the days come from, so that a reader can check them. */
  @IsString() @Length(1, 300) source: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => HolidayDocument) holidays: HolidayDocument[];
  /** 调休: weekend days worked to make a holiday longer. */
  @IsArray() @Matches(LOCAL_DATE, { each: true }) workingDays: string[];
}

export class BusinessCalendarDocument {
  /** An IANA zone; it must keep one UTC offset over the years listed (Asia/Shanghai has had no summer time since 1991). */
  @IsString() timeZone: string;
  @IsArray() @ArrayMaxSize(6) @ValidateNested({ each: true }) @Type(() => WorkingHoursDocument) workingHours: WorkingHoursDocument[];
  @IsDefined() @ValidateNested() @Type(() => NightfallDocument) nightfall: NightfallDocument;
  @IsArray() @ValidateNested({ each: true }) @Type(() => CalendarYearDocument) years: CalendarYearDocument[];
}
