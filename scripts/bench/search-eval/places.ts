/** Well-known Jeju places with their coordinates (WGS84), where the evaluation corpus's questions are asked. */
export interface Place {
  readonly name: string;
  readonly lat: number;
  readonly lng: number;
  /** The neighbourhood word people use for it. */
  readonly area: string;
}

export const PLACES: readonly Place[] = [
  { name: "한담해변", lat: 33.4627, lng: 126.3095, area: "애월" },
  { name: "협재해수욕장", lat: 33.394, lng: 126.2396, area: "한림" },
  { name: "성산일출봉", lat: 33.4581, lng: 126.9425, area: "성산" },
  { name: "우도 천진항", lat: 33.4986, lng: 126.9533, area: "우도" },
  { name: "함덕해수욕장", lat: 33.543, lng: 126.669, area: "함덕" },
  { name: "월정리해변", lat: 33.5565, lng: 126.7958, area: "월정리" },
  { name: "제주국제공항", lat: 33.5104, lng: 126.4914, area: "공항" },
  { name: "동문재래시장", lat: 33.5119, lng: 126.5265, area: "제주시내" },
  { name: "중문관광단지", lat: 33.2506, lng: 126.4124, area: "중문" },
  { name: "서귀포매일올레시장", lat: 33.2498, lng: 126.5635, area: "서귀포" },
  { name: "천지연폭포", lat: 33.2445, lng: 126.5592, area: "서귀포" },
  { name: "새별오름", lat: 33.3661, lng: 126.3571, area: "애월" },
  { name: "표선 해비치해변", lat: 33.3254, lng: 126.8418, area: "표선" },
  { name: "쇠소깍", lat: 33.2524, lng: 126.6234, area: "효돈" },
  { name: "산방산", lat: 33.2374, lng: 126.3137, area: "안덕" },
  { name: "송악산", lat: 33.1998, lng: 126.2909, area: "대정" },
  { name: "모슬포항", lat: 33.2144, lng: 126.2503, area: "모슬포" },
  { name: "김녕해수욕장", lat: 33.5577, lng: 126.7594, area: "김녕" },
  { name: "세화해변", lat: 33.5253, lng: 126.8569, area: "세화" },
  { name: "이호테우해변", lat: 33.4979, lng: 126.4532, area: "이호" },
  { name: "용두암", lat: 33.5163, lng: 126.5119, area: "용담" },
  { name: "노형오거리", lat: 33.4854, lng: 126.4813, area: "노형" },
  { name: "제주시청", lat: 33.4996, lng: 126.5312, area: "제주시내" },
  { name: "남원 큰엉해안경승지", lat: 33.2788, lng: 126.7077, area: "남원" },
  { name: "한경 신창풍차해안", lat: 33.3461, lng: 126.1734, area: "한경" },
  { name: "조천 만세동산", lat: 33.5329, lng: 126.6338, area: "조천" },
];
