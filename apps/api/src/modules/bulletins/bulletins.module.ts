import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BulletinService } from '../exports/bulletin.service';
import { BulletinMonth } from './bulletin-month.entity';
import { BulletinsController } from './bulletins.controller';
import { BulletinsService } from './bulletins.service';

/** Monthly bulletins: the live draft (built by BulletinService), publication, and the frozen copies. */
@Module({
  imports: [TypeOrmModule.forFeature([BulletinMonth])],
  controllers: [BulletinsController],
  providers: [BulletinsService, BulletinService],
  exports: [BulletinsService],
})
export class BulletinsModule {}
