/** A Jeju place the demo talks about, with its coordinates (WGS84). */
export interface Place {
  readonly name: string;
  readonly lat: number;
  readonly lng: number;
  /** The neighbourhood word people use for it. */
  readonly area: string;
}

export const PLACES = {
  // 제주시 동(洞)
  jejuAirport: { name: "제주국제공항", lat: 33.5104, lng: 126.4914, area: "공항" },
  jejuPort: { name: "제주항 연안여객터미널", lat: 33.521, lng: 126.542, area: "제주항" },
  dongmunMarket: { name: "동문재래시장", lat: 33.5119, lng: 126.5265, area: "동문시장" },
  jejuCityHall: { name: "제주시청", lat: 33.4996, lng: 126.5312, area: "제주시내" },
  tapdong: { name: "탑동광장", lat: 33.5166, lng: 126.5235, area: "탑동" },
  jejuMuseum: { name: "국립제주박물관", lat: 33.514, lng: 126.549, area: "사라봉" },
  nohyeong: { name: "노형오거리", lat: 33.4854, lng: 126.4813, area: "노형" },
  yeondong: { name: "연동 누웨마루거리", lat: 33.488, lng: 126.49, area: "연동" },
  ara: { name: "제주대학교병원", lat: 33.467, lng: 126.545, area: "아라동" },
  gwaneumsa: { name: "한라산 관음사 탐방로", lat: 33.423, lng: 126.552, area: "관음사" },
  eorimok: { name: "한라산 어리목 탐방로", lat: 33.392, lng: 126.495, area: "어리목" },
  jejuMarket5: { name: "제주민속오일시장", lat: 33.4976, lng: 126.4772, area: "오일장" },
  iho: { name: "이호테우해변", lat: 33.4979, lng: 126.4532, area: "이호" },
  dodu: { name: "도두봉", lat: 33.507, lng: 126.467, area: "도두" },
  samyang: { name: "삼양검은모래해변", lat: 33.5258, lng: 126.586, area: "삼양" },
  peacePark: { name: "제주4·3평화공원", lat: 33.4497, lng: 126.6176, area: "봉개" },
  // 제주시 읍·면
  hamdeok: { name: "함덕해수욕장", lat: 33.543, lng: 126.669, area: "함덕" },
  jocheon: { name: "조천 만세동산", lat: 33.5329, lng: 126.6338, area: "조천" },
  gyorae: { name: "교래자연휴양림", lat: 33.4296, lng: 126.671, area: "교래리" },
  saryeoni: { name: "사려니숲길 입구", lat: 33.461, lng: 126.639, area: "사려니숲" },
  seongpanak: { name: "한라산 성판악 탐방안내소", lat: 33.3849, lng: 126.6196, area: "성판악" },
  gimnyeong: { name: "김녕해수욕장", lat: 33.5577, lng: 126.7594, area: "김녕" },
  woljeong: { name: "월정리해변", lat: 33.5565, lng: 126.7958, area: "월정리" },
  sehwa: { name: "세화해변", lat: 33.5253, lng: 126.8569, area: "세화" },
  haenyeoMuseum: { name: "제주해녀박물관", lat: 33.522, lng: 126.863, area: "하도리" },
  bijarim: { name: "비자림", lat: 33.491, lng: 126.81, area: "평대리" },
  jongdal: { name: "종달리 해안도로", lat: 33.4953, lng: 126.9005, area: "종달리" },
  udo: { name: "우도 천진항", lat: 33.4986, lng: 126.9533, area: "우도" },
  aewolHandam: { name: "한담해변", lat: 33.4627, lng: 126.3095, area: "애월" },
  gwakji: { name: "곽지해수욕장", lat: 33.4505, lng: 126.3049, area: "곽지" },
  saebyeol: { name: "새별오름", lat: 33.3661, lng: 126.3571, area: "애월" },
  hallim: { name: "한림항", lat: 33.414, lng: 126.262, area: "한림" },
  hallimPark: { name: "한림공원", lat: 33.389, lng: 126.239, area: "한림" },
  hyeopjae: { name: "협재해수욕장", lat: 33.394, lng: 126.2396, area: "협재" },
  sinchang: { name: "신창풍차해안", lat: 33.3461, lng: 126.1734, area: "신창" },
  chagwido: { name: "고산 자구내포구", lat: 33.311, lng: 126.165, area: "고산" },
  chuja: { name: "추자항", lat: 33.9626, lng: 126.299, area: "추자도" },
  // 서귀포시
  seongsan: { name: "성산일출봉", lat: 33.4581, lng: 126.9425, area: "성산" },
  gwangchigi: { name: "광치기해변", lat: 33.4517, lng: 126.9213, area: "성산" },
  seopjikoji: { name: "섭지코지", lat: 33.424, lng: 126.9307, area: "섭지코지" },
  pyoseon: { name: "표선 해비치해변", lat: 33.3254, lng: 126.8418, area: "표선" },
  seongeup: { name: "성읍민속마을", lat: 33.388, lng: 126.8005, area: "성읍" },
  namwon: { name: "남원 큰엉해안경승지", lat: 33.2788, lng: 126.7077, area: "남원" },
  wimi: { name: "위미 동백나무군락", lat: 33.2755, lng: 126.6629, area: "위미" },
  soesokkak: { name: "쇠소깍", lat: 33.2524, lng: 126.6234, area: "효돈" },
  bomok: { name: "보목포구", lat: 33.242, lng: 126.603, area: "보목" },
  olleMarket: { name: "서귀포매일올레시장", lat: 33.2498, lng: 126.5635, area: "서귀포" },
  jeongbang: { name: "정방폭포", lat: 33.2447, lng: 126.5719, area: "서귀포" },
  cheonjiyeon: { name: "천지연폭포", lat: 33.2445, lng: 126.5592, area: "서귀포" },
  oedolgae: { name: "외돌개", lat: 33.24, lng: 126.545, area: "서귀포" },
  jungmun: { name: "중문색달해수욕장", lat: 33.2447, lng: 126.4118, area: "중문" },
  yeongsil: { name: "한라산 영실 탐방로", lat: 33.345, lng: 126.496, area: "영실" },
  goji1100: { name: "1100고지 휴게소", lat: 33.3575, lng: 126.4626, area: "1100고지" },
  sanbangsan: { name: "산방산", lat: 33.2374, lng: 126.3137, area: "안덕" },
  sagye: { name: "사계해변", lat: 33.229, lng: 126.305, area: "사계" },
  osulloc: { name: "오설록 티뮤지엄", lat: 33.3059, lng: 126.2895, area: "서광리" },
  songaksan: { name: "송악산", lat: 33.1998, lng: 126.2909, area: "대정" },
  moseulpo: { name: "모슬포항", lat: 33.2144, lng: 126.2503, area: "모슬포" },
  gapado: { name: "가파도", lat: 33.1716, lng: 126.2727, area: "가파도" },
  marado: { name: "마라도", lat: 33.1168, lng: 126.2672, area: "마라도" },
} as const satisfies Record<string, Place>;

export type PlaceKey = keyof typeof PLACES;
