// Small texts shared by features.
export const RT_LT: Record<string, string> = {
  RT: ' On a trigger point line it should match the side of every muscle injected.',
  LT: ' On a trigger point line it should match the side of every muscle injected.',
  '50': ' Never on 20552/20553: left and right of a muscle are already counted as two muscles.',
};
