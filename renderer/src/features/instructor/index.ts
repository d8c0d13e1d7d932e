export { InstructorPage } from './instructor-page';
export { InstructorIcon } from './icons';
