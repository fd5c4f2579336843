// Password hashing with bcryptjs (cost 12 in production).
import bcrypt from 'bcryptjs';

export class PasswordHasher {
  /** A hash compared against when the email is unknown, so both paths take the same time. */
  private dummyHash: string | null = null;

  constructor(readonly cost: number) {}

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.cost);
  }

  verify(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(password, hash);
  }

  async verifyAgainstNothing(password: string): Promise<false> {
    this.dummyHash ??= await bcrypt.hash('nocman-timing-equaliser', this.cost);
    await bcrypt.compare(password, this.dummyHash);
    return false;
  }
}
