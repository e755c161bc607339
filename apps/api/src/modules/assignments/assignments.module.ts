import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentsController } from './assignments.controller';
import { AssignmentsService } from './assignments.service';
import { DecompositionController } from './decomposition.controller';
import { DecompositionService } from './decomposition.service';
import { Assignment } from './assignment.entity';
import { AssignmentStatusService } from './assignment-status.service';
import { ReadContextService } from './read-context.service';

/** Assignments: decomposition of plan items (suggestions, by hand, whole plan) and reading and editing them. */
@Module({
  imports: [TypeOrmModule.forFeature([Assignment])],
  controllers: [AssignmentsController, DecompositionController],
  providers: [AssignmentsService, AssignmentStatusService, DecompositionService, ReadContextService],
  exports: [AssignmentsService, AssignmentStatusService, ReadContextService],
})
export class AssignmentsModule {}
