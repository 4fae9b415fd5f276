import { getJson, queryCube } from './api.js';
import { date } from './format.js';
import * as pyramid from './charts/pyramid.js';
import * as communes from './charts/communes.js';

const lang = new URLSearchParams(window.location.search).get('lang') === 'en' ? 'en' : 'vi';
const text = {
  vi: {
    title: 'Thống kê dân số',
    pyramid: (d) => `Tháp dân số theo nhóm tuổi và giới tính, ${d}`,
    communes: (d) => `Dân số theo xã (đơn vị hành chính từ 01/07/2025), ${d}`,
    source: (s) => `Nguồn: ${s}`,
    loading: 'Đang tải…',
  },
  en: {
    title: 'Population statistics',
    pyramid: (d) => `Population pyramid by age group and sex, ${d}`,
    communes: (d) => `Population by commune (units of 1 July 2025), ${d}`,
    source: (s) => `Source: ${s}`,
    loading: 'Loading…',
  },
}[lang];

function setText(id, value) {
  document.getElementById(id).textContent = value;
}

async function main() {
  document.documentElement.lang = lang;
  setText('app-title', text.title);
  setText('status', text.loading);
  const catalog = await getJson('/api/v1/cubes', { lang });
  setText('area-label', catalog.areaLabel);
  const [ages, units] = await Promise.all([
    queryCube('population_stock', { dims: 'ageBand,sex', geo: '2025', lang }),
    queryCube('population_stock', { dims: 'unit', geo: '2025', level: 'commune', lang }),
  ]);
  const day = date(ages.refDate, lang);
  setText('pyramid-title', text.pyramid(day));
  setText('communes-title', text.communes(date(units.refDate, lang)));
  setText('pyramid-source', text.source(ages.source.text));
  setText('communes-source', text.source(units.source.text));
  pyramid.render(document.getElementById('pyramid'), ages, lang);
  communes.render(document.getElementById('communes'), units, lang);
  setText('status', '');
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  setText('status', error.message);
  document.body.dataset.ready = 'error';
});
