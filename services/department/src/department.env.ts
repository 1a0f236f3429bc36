import { ServiceEnv } from '@gridwhistle/platform';

export class DepartmentEnv extends ServiceEnv {
  override PORT = 3003;
}
