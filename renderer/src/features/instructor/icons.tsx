import { Icon, type IconProps } from '../../components/icons';

/** A mortarboard: the instructor's tools. */
export const InstructorIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="m2.5 9 9.5-4.5L21.5 9 12 13.5Z" />
    <path d="M6.5 11v4.5c1.5 1.6 3.4 2.5 5.5 2.5s4-.9 5.5-2.5V11" />
    <path d="M21.5 9v5" />
  </Icon>
);
