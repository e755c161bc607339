import { Module } from '@nestjs/common';
import { AssignmentsController } from './assignments.controller';
import { AssignmentsService } from './assignments.service';
import { DecompositionController } from './decomposition.controller';
import { DecompositionService } from './decomposition.service';

/** Assignments: decomposition of plan items (suggestions, by hand, whole plan) and reading and editing them. */
@Module({
  controllers: [AssignmentsController, DecompositionController],
  providers: [AssignmentsService, DecompositionService],
  exports: [AssignmentsService],
})
export class AssignmentsModule {}
